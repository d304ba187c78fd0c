<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No sales yet</source>
        <translation>暂无销售</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong (%1). The sale in progress is kept; details are in the log.</source>
        <translation>出现错误（%1）。当前交易已保留，详情见日志。</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>欢迎光临 %1</translation>
    </message>
    <message>
        <source>Scan to join and earn points on this purchase</source>
        <translation>扫码成为会员，本单即可积分</translation>
    </message>
    <message>
        <source>You save %1</source>
        <translation>本单为您节省 %1</translation>
    </message>
    <message>
        <source>Member %1 · %2 points · earn %3 today</source>
        <translation>会员 %1 · 积分 %2 · 本单可得 %3</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Today's dashboard</source>
        <translation>今日经营看板</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sales %1 · %2 receipts · average %3</source>
        <translation>销售额 %1 · %2 单 · 客单价 %3</translation>
    </message>
    <message>
        <source>Sales by hour (yuan)</source>
        <translation>分时销售额（元）</translation>
    </message>
    <message>
        <source>Member share of sales</source>
        <translation>会员销售占比</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <source>Top items (units)</source>
        <translation>热销商品（件）</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GiftDialog</name>
    <message>
        <source>Redeem points for a gift</source>
        <translation>积分兑换礼品</translation>
    </message>
    <message>
        <source>Points balance: %1</source>
        <translation>积分余额：%1</translation>
    </message>
    <message>
        <source>%1 — %2 points</source>
        <translation>%1 — %2 积分</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Choose a gift</source>
        <translation>请选择礼品</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>MemberTill</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <source>The PIN is digits only</source>
        <translation>密码只能是数字</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <source>Approval needed: %1</source>
        <translation>需要授权：%1</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <source>Find a member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <source>Phone number, last 4 digits, or card number</source>
        <translation>手机号、手机尾号 4 位或会员卡号</translation>
    </message>
    <message>
        <source>Register new member</source>
        <translation>注册新会员</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>关联会员</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>未找到会员</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>No member</source>
        <translation>未关联会员</translation>
    </message>
    <message>
        <source>Scan the member code, or press F3 to look up by phone</source>
        <translation>扫会员码，或按 F3 用手机号查找</translation>
    </message>
    <message>
        <source>Phone: %1
Points: %2
Stored value: %3</source>
        <translation>手机：%1
积分：%2
储值：%3</translation>
    </message>
    <message>
        <source>Usable coupons:</source>
        <translation>可用优惠券：</translation>
    </message>
    <message>
        <source>No coupon usable for this cart</source>
        <translation>本单无可用优惠券</translation>
    </message>
    <message>
        <source>%1 other coupons do not apply</source>
        <translation>另有 %1 张券不可用</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>剩余应收</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Balance %1 points; at most %2 points on this sale</source>
        <translation>余额 %1 积分；本单最多可用 %2 积分</translation>
    </message>
    <message>
        <source>Attach a member to use points</source>
        <translation>使用积分需先关联会员</translation>
    </message>
    <message>
        <source>Amount, Enter = cash (empty = what is still due)</source>
        <translation>金额，回车 = 现金（留空 = 剩余应付）</translation>
    </message>
    <message>
        <source>Payment reference (scan or type)</source>
        <translation>支付流水号（扫码或输入）</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>整额</translation>
    </message>
    <message>
        <source>Stored value balance: %1</source>
        <translation>储值余额：%1</translation>
    </message>
    <message>
        <source>Clear payments</source>
        <translation>清除付款</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation>完成收款</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
    <message>
        <source>Nothing is due</source>
        <translation>无需再收款</translation>
    </message>
    <message>
        <source>Only %1 is due</source>
        <translation>只需再收 %1</translation>
    </message>
    <message>
        <source>Stored value balance is only %1</source>
        <translation>储值余额只有 %1</translation>
    </message>
    <message>
        <source>Scan or type the payment reference first</source>
        <translation>请先扫描或输入支付流水号</translation>
    </message>
</context>
<context>
    <name>ProductSearchDialog</name>
    <message>
        <source>Find a product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>Name or pinyin initials, e.g. kkkl</source>
        <translation>商品名或拼音首字母，如 kkkl</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>加入销售</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>找到 %1 个</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt No.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>本次积分</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>Points balance</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <source>Points expiring within 30 days</source>
        <translation>30天内到期积分</translation>
    </message>
    <message>
        <source>Stored value used</source>
        <translation>储值支付</translation>
    </message>
    <message>
        <source>Stored value balance</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>Sales receipt</source>
        <translation>销售小票</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Points offset (%1 points)</source>
        <translation>积分抵现（%1 积分）</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>应付合计</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Refund receipt</source>
        <translation>退货小票</translation>
    </message>
    <message>
        <source>Original receipt</source>
        <translation>原小票号</translation>
    </message>
    <message>
        <source>Refund total</source>
        <translation>退款合计</translation>
    </message>
    <message>
        <source>Points returned</source>
        <translation>退回积分</translation>
    </message>
    <message>
        <source>Points taken back</source>
        <translation>扣回积分</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <source>Stored value top-up</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送金额</translation>
    </message>
    <message>
        <source>Z report (shift closed)</source>
        <translation>交班报表（Z）</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>班次报表（截至目前）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开班时间</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>销售总额</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠合计</translation>
    </message>
    <message>
        <source>Points offset</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>实收销售</translation>
    </message>
    <message>
        <source>Refunds (%1)</source>
        <translation>退货（%1 笔）</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation>储值消费</translation>
    </message>
</context>
<context>
    <name>RegisterMemberDialog</name>
    <message>
        <source>Register a member</source>
        <translation>注册会员</translation>
    </message>
    <message>
        <source>Birthday known</source>
        <translation>填写生日</translation>
    </message>
    <message>
        <source>Member agrees to the membership terms and privacy notice</source>
        <translation>会员同意会员条款和隐私政策</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>The member must agree to the terms first</source>
        <translation>会员须先同意条款</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return items</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Scan the receipt barcode or type its number</source>
        <translation>扫描小票条码或输入小票号</translation>
    </message>
    <message>
        <source>Find sale</source>
        <translation>查找销售单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Can return</source>
        <translation>可退数量</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Return qty</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <source>Return everything</source>
        <translation>整单退货</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Choose at least one item to return</source>
        <translation>请至少选择一件退货商品</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>收银台名称</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>小票页脚</translation>
    </message>
    <message>
        <source>Receipt QR code</source>
        <translation>小票二维码</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>File (demo)</source>
        <translation>文件（演示）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Network (port 9100)</source>
        <translation>网络（9100 端口）</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>path, host:port, COM3, or vendor:product id</source>
        <translation>路径、主机:端口、COM3 或 厂商:产品 ID</translation>
    </message>
    <message>
        <source>Printer prints QR codes itself</source>
        <translation>打印机支持原生二维码</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Keyboard wedge (USB)</source>
        <translation>键盘口扫码枪（USB）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Headquarters address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ShareRing</name>
    <message>
        <source>No sales yet</source>
        <translation>暂无销售</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>班次报表（截至目前）</translation>
    </message>
    <message>
        <source>Counted cash in the drawer, yuan</source>
        <translation>钱箱实点现金（元）</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close shift and print Z report</source>
        <translation>交班并打印日结报表</translation>
    </message>
    <message>
        <source>Type the counted cash first</source>
        <translation>请先输入清点的现金</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
</context>
<context>
    <name>TillScreen</name>
    <message>
        <source>Scan a barcode or member code, or type it and press Enter</source>
        <translation>扫描商品条码或会员码，或输入后按回车</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>积分兑礼</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>经营看板</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>MemberTill — %1</source>
        <translation>会员收银台 — %1</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>值班主管</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <source>Demo store PINs: %1</source>
        <translation>演示门店密码：%1</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <source>Printer: %1 (Ctrl+P reprints)</source>
        <translation>打印机：%1（Ctrl+P 重打）</translation>
    </message>
    <message>
        <source>Offline mode (no headquarters configured)</source>
        <translation>单机模式（未配置总部）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Not enrolled with HQ yet: HQ unreachable, retrying · %1 events waiting</source>
        <translation>尚未在总部登记本收银台：总部无法连接，正在重试 · %1 笔待上传</translation>
    </message>
    <message>
        <source>HQ refused this till: %1</source>
        <translation>总部拒绝了本收银台：%1</translation>
    </message>
    <message>
        <source>Online · %1 events waiting · synced %2</source>
        <translation>在线 · %1 条待上传 · %2 已同步</translation>
    </message>
    <message>
        <source>Offline · %1 events waiting · last sync %2</source>
        <translation>离线 · %1 条待上传 · 上次同步 %2</translation>
    </message>
    <message>
        <source>Cashier: %1 (%2)</source>
        <translation>收银员：%1（%2）</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Opening float in the drawer (yuan)</source>
        <translation>钱箱备用金（元）</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Scan or type the coupon code</source>
        <translation>扫描或输入券码</translation>
    </message>
    <message>
        <source>No suspended sales</source>
        <translation>没有挂单</translation>
    </message>
    <message>
        <source>%1 (%2 items)</source>
        <translation>%1（%2 件）</translation>
    </message>
    <message>
        <source>Resume a sale</source>
        <translation>取回挂单</translation>
    </message>
    <message>
        <source>Suspended sales</source>
        <translation>挂单列表</translation>
    </message>
    <message>
        <source>void a line after subtotal</source>
        <translation>小计后删除行</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Throw away the whole sale?</source>
        <translation>确定作废整单吗？</translation>
    </message>
    <message>
        <source>void the sale after subtotal</source>
        <translation>小计后作废整单</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>New quantity</source>
        <translation>新数量</translation>
    </message>
    <message>
        <source>Attach a member first</source>
        <translation>请先关联会员</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Points to use (100 points = 1 yuan)</source>
        <translation>使用积分（100 积分 = 1 元）</translation>
    </message>
    <message>
        <source>The sale is empty</source>
        <translation>本单没有商品</translation>
    </message>
    <message>
        <source>Sale %1 complete. Change: %2</source>
        <translation>销售单 %1 已完成。找零：%2</translation>
    </message>
    <message>
        <source>Nothing printed yet</source>
        <translation>尚未打印任何小票</translation>
    </message>
    <message>
        <source>open the drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <source>Refunded %1</source>
        <translation>已退款 %1</translation>
    </message>
    <message>
        <source>refund %1</source>
        <translation>退货 %1</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>X report / close shift</source>
        <translation>班次报表 / 交班</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation>要做什么？</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>销售总额</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>优惠合计</translation>
    </message>
    <message>
        <source>Points offset</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>实收销售</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation>储值消费</translation>
    </message>
    <message>
        <source>Stored value bonus issued</source>
        <translation>赠送储值</translation>
    </message>
    <message>
        <source>Cashier %1</source>
        <translation>收银员 %1</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <source>see the dashboard</source>
        <translation>查看经营看板</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <source>Top up stored value</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>其他金额</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Payment reference (not for cash)</source>
        <translation>支付流水号（现金不需要）</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>充值方案</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Type the amount to top up</source>
        <translation>请输入充值金额</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Points offset (%1 points)</source>
        <translation>积分抵现（%1 积分）</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Points to earn</source>
        <translation>本单可得积分</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>This till was revoked: %1</source>
        <translation>本收银台已被停用：%1</translation>
    </message>
    <message>
        <source>HQ unreachable: %1</source>
        <translation>无法连接总部：%1</translation>
    </message>
    <message>
        <source>HQ error %1: %2</source>
        <translation>总部错误 %1：%2</translation>
    </message>
    <message>
        <source>Unreadable scan (%1)</source>
        <translation>无法识别的扫码（%1）</translation>
    </message>
    <message>
        <source>Printer not found: is it on and connected? (%1)</source>
        <translation>找不到打印机：请检查是否开机并连接（%1）</translation>
    </message>
    <message>
        <source>No permission to use the printer (%1)</source>
        <translation>没有使用打印机的权限（%1）</translation>
    </message>
    <message>
        <source>Printer error: %1</source>
        <translation>打印机错误：%1</translation>
    </message>
    <message>
        <source>Could not render the receipt: %1</source>
        <translation>无法生成小票：%1</translation>
    </message>
    <message>
        <source>Unknown barcode %1</source>
        <translation>未知条码 %1</translation>
    </message>
    <message>
        <source>Barcode %1 has a wrong check digit: scan it again</source>
        <translation>条码 %1 校验位错误，请重新扫描</translation>
    </message>
    <message>
        <source>Not a product barcode: %1</source>
        <translation>不是商品条码：%1</translation>
    </message>
    <message>
        <source>Unknown scale item %1</source>
        <translation>未知称重商品 %1</translation>
    </message>
    <message>
        <source>Quantity must be a whole number from 1 to %1</source>
        <translation>数量必须是 1 到 %1 的整数</translation>
    </message>
    <message>
        <source>At most %1 of one item</source>
        <translation>同一商品最多 %1 件</translation>
    </message>
    <message>
        <source>Unknown coupon %1</source>
        <translation>未知优惠券 %1</translation>
    </message>
    <message>
        <source>Spend %1 to save %2; %3 more needed</source>
        <translation>满 %1 减 %2；还差 %3</translation>
    </message>
    <message>
        <source>Minimum spend %1 on eligible items; %2 more needed</source>
        <translation>适用商品需满 %1 元；还差 %2 元</translation>
    </message>
    <message>
        <source>Payments %1 do not match the amount due %2</source>
        <translation>付款 %1 与应收 %2 不符</translation>
    </message>
    <message>
        <source>%1 needs %2 points; the member has %3</source>
        <translation>%1 需要 %2 积分；会员只有 %3 积分</translation>
    </message>
    <message>
        <source>Too many wrong PINs: PIN entry is locked until %1</source>
        <translation>密码错误次数过多，锁定至 %1</translation>
    </message>
    <message>
        <source>%1 may not approve this</source>
        <translation>%1 无权批准此操作</translation>
    </message>
    <message>
        <source>No sale with receipt number %1</source>
        <translation>没有小票号为 %1 的销售</translation>
    </message>
    <message>
        <source>Line %1 has already been fully returned</source>
        <translation>第 %1 行已全部退货</translation>
    </message>
    <message>
        <source>Line %1: only %2 left to return</source>
        <translation>第 %1 行：只剩 %2 件可退</translation>
    </message>
    <message>
        <source>Coupon %1 has already been used</source>
        <translation>优惠券 %1 已被使用</translation>
    </message>
    <message>
        <source>The member has only %1 points</source>
        <translation>会员只有 %1 积分</translation>
    </message>
    <message>
        <source>Points may pay at most %1% of the payable</source>
        <translation>积分最多抵扣应付的 %1%</translation>
    </message>
    <message>
        <source>Stored value balance is only %1 fen</source>
        <translation>储值余额只有 %1 分</translation>
    </message>
    <message>
        <source>Points spent here today would pass the limit of %1 until headquarters confirms the balance</source>
        <translation>今日本机积分使用将超过离线上限 %1，需等总部确认余额</translation>
    </message>
    <message>
        <source>The disk is full: nothing was recorded. Free some space, then try again</source>
        <translation>磁盘已满：本次操作未记录。请清理空间后重试</translation>
    </message>
    <message>
        <source>The database is read-only: nothing was recorded. Call support</source>
        <translation>数据库只读：本次操作未记录。请联系技术支持</translation>
    </message>
    <message>
        <source>The database is busy: nothing was recorded. Try again</source>
        <translation>数据库忙：本次操作未记录。请重试</translation>
    </message>
    <message>
        <source>The disk could not be written: nothing was recorded. Call support</source>
        <translation>无法写入磁盘：本次操作未记录。请联系技术支持</translation>
    </message>
    <message>
        <source>Unknown till token: enrol this till again</source>
        <translation>收银台凭证无效：请重新登记本收银台</translation>
    </message>
    <message>
        <source>Missing till token: enrol this till first</source>
        <translation>缺少收银台凭证：请先登记本收银台</translation>
    </message>
    <message>
        <source>This enrolment code is unknown, used or expired: ask HQ for a new one</source>
        <translation>登记码无效、已使用或已过期：请向总部索取新的登记码</translation>
    </message>
    <message>
        <source>Not a valid member code</source>
        <translation>无效的会员码</translation>
    </message>
    <message>
        <source>This member has no registered phone: ask them to open the app again</source>
        <translation>该会员未登记手机：请会员重新打开会员码</translation>
    </message>
    <message>
        <source>Member code signature is wrong: the code was altered or is not this member's</source>
        <translation>会员码签名错误：码被篡改或不属于该会员</translation>
    </message>
    <message>
        <source>Member code has expired: ask the member to refresh it</source>
        <translation>会员码已过期：请会员刷新</translation>
    </message>
    <message>
        <source>Member code is from the future: check the phone's clock</source>
        <translation>会员码时间超前：请检查手机时间</translation>
    </message>
    <message>
        <source>This member code was already used: ask the member to refresh it</source>
        <translation>该会员码已使用过：请会员刷新</translation>
    </message>
    <message>
        <source>Empty scan</source>
        <translation>扫码内容为空</translation>
    </message>
    <message>
        <source>Wrong check digit: scan it again</source>
        <translation>条码校验位错误：请重新扫描</translation>
    </message>
    <message>
        <source>Not a product, member, coupon or receipt code</source>
        <translation>不是商品、会员、优惠券或小票条码</translation>
    </message>
    <message>
        <source>Scan is too long to be any code we know</source>
        <translation>扫码内容过长，无法识别</translation>
    </message>
    <message>
        <source>Printer did not answer in time: is it on and connected?</source>
        <translation>打印机无响应：请检查是否开机并连接</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits</source>
        <translation>密码为 4 到 8 位数字</translation>
    </message>
    <message>
        <source>Manager approval is needed</source>
        <translation>需要店长授权</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>未找到会员</translation>
    </message>
    <message>
        <source>No such product</source>
        <translation>商品不存在</translation>
    </message>
    <message>
        <source>Weigh this item and scan its label</source>
        <translation>请称重后扫描秤签</translation>
    </message>
    <message>
        <source>That line is not in the sale</source>
        <translation>该行不在本单中</translation>
    </message>
    <message>
        <source>A weighed item's quantity comes from its label</source>
        <translation>称重商品的数量以秤签为准</translation>
    </message>
    <message>
        <source>This coupon has already been used</source>
        <translation>此券已被使用</translation>
    </message>
    <message>
        <source>This coupon belongs to another member: attach that member first</source>
        <translation>此券属于其他会员：请先关联该会员</translation>
    </message>
    <message>
        <source>This coupon is already applied</source>
        <translation>此券已使用在本单</translation>
    </message>
    <message>
        <source>That coupon is not applied</source>
        <translation>该券未使用</translation>
    </message>
    <message>
        <source>Points must be a whole number</source>
        <translation>积分必须是整数</translation>
    </message>
    <message>
        <source>Attach a member to use points</source>
        <translation>使用积分需先关联会员</translation>
    </message>
    <message>
        <source>The sale is empty</source>
        <translation>本单没有商品</translation>
    </message>
    <message>
        <source>Finish or suspend the current sale first</source>
        <translation>请先完成或挂起当前销售</translation>
    </message>
    <message>
        <source>That suspended sale is gone</source>
        <translation>该挂单已不存在</translation>
    </message>
    <message>
        <source>Open a shift first</source>
        <translation>请先开班</translation>
    </message>
    <message>
        <source>A shift is already open</source>
        <translation>已有班次未交班</translation>
    </message>
    <message>
        <source>Unknown payment type</source>
        <translation>未知支付方式</translation>
    </message>
    <message>
        <source>Every payment must be a positive amount</source>
        <translation>每笔付款金额必须大于零</translation>
    </message>
    <message>
        <source>The cash handed over is less than the cash payment</source>
        <translation>收到的现金少于现金付款额</translation>
    </message>
    <message>
        <source>Attach a member to pay with stored value</source>
        <translation>使用储值需先关联会员</translation>
    </message>
    <message>
        <source>Scan or type the payment reference first</source>
        <translation>请先扫描或输入支付流水号</translation>
    </message>
    <message>
        <source>The member no longer has enough points</source>
        <translation>会员积分已不足</translation>
    </message>
    <message>
        <source>This coupon is not valid at this time</source>
        <translation>此券不在有效期内</translation>
    </message>
    <message>
        <source>No item in the cart is covered by this coupon</source>
        <translation>购物车中没有此券适用的商品</translation>
    </message>
    <message>
        <source>The free item of this coupon is not in the cart</source>
        <translation>此券的赠品不在购物车中</translation>
    </message>
    <message>
        <source>Nothing left for this coupon to take off</source>
        <translation>此券已无可抵扣金额</translation>
    </message>
    <message>
        <source>Another coupon that cannot be combined is already applied</source>
        <translation>已使用一张不可叠加的券</translation>
    </message>
    <message>
        <source>This coupon cannot be combined with other coupons</source>
        <translation>此券不能与其他券同时使用</translation>
    </message>
    <message>
        <source>Points can only be used with a member attached</source>
        <translation>关联会员后才能使用积分</translation>
    </message>
    <message>
        <source>A mainland mobile number has 11 digits and starts with 1</source>
        <translation>手机号为以 1 开头的 11 位数字</translation>
    </message>
    <message>
        <source>The member must agree to the terms first</source>
        <translation>会员须先同意条款</translation>
    </message>
    <message>
        <source>This phone number is already a member</source>
        <translation>该手机号已是会员</translation>
    </message>
    <message>
        <source>The name is too long</source>
        <translation>姓名太长</translation>
    </message>
    <message>
        <source>That birthday is not possible</source>
        <translation>生日日期无效</translation>
    </message>
    <message>
        <source>Type a phone number, its last 4 digits, or a card number</source>
        <translation>请输入手机号、尾号 4 位或卡号</translation>
    </message>
    <message>
        <source>No such member</source>
        <translation>会员不存在</translation>
    </message>
    <message>
        <source>No such member or gift</source>
        <translation>会员或礼品不存在</translation>
    </message>
    <message>
        <source>Choose at least one line to return</source>
        <translation>请至少选择一行退货</translation>
    </message>
    <message>
        <source>Quantity to return must be a positive whole number</source>
        <translation>退货数量必须是正整数</translation>
    </message>
    <message>
        <source>This return would give back more than was paid</source>
        <translation>退款金额将超过实付金额</translation>
    </message>
    <message>
        <source>Type the counted cash</source>
        <translation>请输入清点的现金</translation>
    </message>
    <message>
        <source>The opening float is between 0 and 10000.00 yuan</source>
        <translation>备用金须在 0 到 10000.00 元之间</translation>
    </message>
    <message>
        <source>The amount is between 0.01 and 10000.00 yuan</source>
        <translation>金额须在 0.01 到 10000.00 元之间</translation>
    </message>
    <message>
        <source>Top up with cash, WeChat Pay, Alipay or a bank card</source>
        <translation>请用现金、微信、支付宝或银行卡充值</translation>
    </message>
    <message>
        <source>A top-up is between 0.01 and 10000.00 yuan</source>
        <translation>充值金额须在 0.01 到 10000.00 元之间</translation>
    </message>
    <message>
        <source>Stored value spent here today would pass the offline limit until headquarters confirms the balance</source>
        <translation>今日本机储值消费将超过离线上限，需等总部确认余额</translation>
    </message>
    <message>
        <source>Unknown cash movement</source>
        <translation>未知的现金操作</translation>
    </message>
</context>
</TS>