<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="366" />
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="74" />
        <source>No sales yet</source>
        <translation>暂无销售</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Total</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="76" />
        <source>Today's dashboard</source>
        <translation>今日经营看板</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="91" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="98" />
        <source>Sales %1 · %2 receipts · average %3</source>
        <translation>销售额 %1 · %2 单 · 客单价 %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="100" />
        <source>Sales by hour (yuan)</source>
        <translation>分时销售额（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="102" />
        <source>Member share of sales</source>
        <translation>会员销售占比</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="103" />
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="103" />
        <source>Walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="104" />
        <source>Top items (units)</source>
        <translation>热销商品（件）</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="30" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GiftDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="308" />
        <source>Redeem points for a gift</source>
        <translation>积分兑换礼品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="312" />
        <source>Points balance: %1</source>
        <translation>积分余额：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="315" />
        <source>%1 — %2 points</source>
        <translation>%1 — %2 积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="323" />
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="329" />
        <source>Choose a gift</source>
        <translation>请选择礼品</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../pos_app/ui/login.py" line="23" />
        <source>MemberTill</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/login.py" line="31" />
        <source>Enter your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/login.py" line="54" />
        <source>The PIN is digits only</source>
        <translation>密码只能是数字</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="46" />
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="50" />
        <source>Approval needed: %1</source>
        <translation>需要授权：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="54" />
        <source>Manager PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="61" />
        <source>Approve</source>
        <translation>授权</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="146" />
        <source>Find a member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="154" />
        <source>Phone number, last 4 digits, or card number</source>
        <translation>手机号、手机尾号 4 位或会员卡号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="159" />
        <source>Register new member</source>
        <translation>注册新会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="163" />
        <source>Attach</source>
        <translation>关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="173" />
        <source>No member found</source>
        <translation>未找到会员</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="35" />
        <source>No member</source>
        <translation>未关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="36" />
        <source>Scan the member code, or press F3 to look up by phone</source>
        <translation>扫会员码，或按 F3 用手机号查找</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="42" />
        <source>Phone: %1
Points: %2
Stored value: %3</source>
        <translation>手机：%1
积分：%2
储值：%3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="46" />
        <source>Usable coupons:</source>
        <translation>可用优惠券：</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="48" />
        <source>No coupon usable for this cart</source>
        <translation>本单无可用优惠券</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="50" />
        <source>%1 other coupons do not apply</source>
        <translation>另有 %1 张券不可用</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="33" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="36" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="42" />
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="57" />
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="59" />
        <source>Still due</source>
        <translation>剩余应收</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="61" />
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="72" />
        <source>Use points</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="74" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="80" />
        <source>Balance %1 points; at most %2 points on this sale</source>
        <translation>余额 %1 积分；本单最多可用 %2 积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="82" />
        <source>Attach a member to use points</source>
        <translation>使用积分需先关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="88" />
        <source>Amount (empty = what is still due)</source>
        <translation>金额（留空 = 剩余应收）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="91" />
        <source>Payment reference (scan or type)</source>
        <translation>支付流水号（扫码或输入）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="97" />
        <source>Exact</source>
        <translation>整额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="109" />
        <source>Stored value balance: %1</source>
        <translation>储值余额：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="118" />
        <source>Clear payments</source>
        <translation>清除付款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="120" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="122" />
        <source>Complete sale</source>
        <translation>完成收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="157" />
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="177" />
        <source>Nothing is due</source>
        <translation>无需再收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="185" />
        <source>Only %1 is due</source>
        <translation>只需再收 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="191" />
        <source>Stored value balance is only %1</source>
        <translation>储值余额只有 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="194" />
        <source>Scan or type the payment reference first</source>
        <translation>请先扫描或输入支付流水号</translation>
    </message>
</context>
<context>
    <name>ProductSearchDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="83" />
        <source>Find a product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="90" />
        <source>Name or pinyin initials, e.g. kkkl</source>
        <translation>商品名或拼音首字母，如 kkkl</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="97" />
        <source>Add to sale</source>
        <translation>加入销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="128" />
        <source>%1 found</source>
        <translation>找到 %1 个</translation>
    </message>
</context>
<context>
    <name>RegisterMemberDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="201" />
        <source>Register a member</source>
        <translation>注册会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="210" />
        <source>Birthday known</source>
        <translation>填写生日</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="216" />
        <source>Member agrees to the membership terms and privacy notice</source>
        <translation>会员同意会员条款和隐私政策</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="219" />
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="220" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="224" />
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="230" />
        <source>The member must agree to the terms first</source>
        <translation>会员须先同意条款</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="22" />
        <source>Return items</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="31" />
        <source>Scan the receipt barcode or type its number</source>
        <translation>扫描小票条码或输入小票号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="33" />
        <source>Find sale</source>
        <translation>查找销售单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Can return</source>
        <translation>可退数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="41" />
        <source>Return qty</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="48" />
        <source>Return everything</source>
        <translation>整单退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="50" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="52" />
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="100" />
        <source>Choose at least one item to return</source>
        <translation>请至少选择一件退货商品</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="18" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="31" />
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="31" />
        <source>Till name</source>
        <translation>收银台名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="32" />
        <source>Receipt footer</source>
        <translation>小票页脚</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="32" />
        <source>Receipt QR code</source>
        <translation>小票二维码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="33" />
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="36" />
        <source>File (demo)</source>
        <translation>文件（演示）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="36" />
        <location filename="../../pos_app/ui/settings.py" line="54" />
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="37" />
        <source>Network (port 9100)</source>
        <translation>网络（9100 端口）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="37" />
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="38" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="42" />
        <source>path, host:port, COM3, or vendor:product id</source>
        <translation>路径、主机:端口、COM3 或 厂商:产品 ID</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="47" />
        <source>Printer prints QR codes itself</source>
        <translation>打印机支持原生二维码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="49" />
        <location filename="../../pos_app/ui/settings.py" line="60" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="49" />
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="50" />
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="50" />
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="53" />
        <source>Keyboard wedge (USB)</source>
        <translation>键盘口扫码枪（USB）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="60" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="61" />
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="61" />
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="64" />
        <source>Headquarters address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="64" />
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="69" />
        <source>Language (after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="69" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="72" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ShareRing</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="113" />
        <source>No sales yet</source>
        <translation>暂无销售</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="23" />
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="31" />
        <source>X report (shift so far)</source>
        <translation>班次报表（截至目前）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="36" />
        <source>Counted cash in the drawer, yuan</source>
        <translation>钱箱实点现金（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="37" />
        <source>Counted cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="43" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="45" />
        <source>Close shift and print Z report</source>
        <translation>交班并打印日结报表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="56" />
        <source>Type the counted cash first</source>
        <translation>请先输入清点的现金</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="27" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="28" />
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="29" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="30" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="31" />
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
</context>
<context>
    <name>TillScreen</name>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="26" />
        <source>Scan a barcode or member code, or type it and press Enter</source>
        <translation>扫描商品条码或会员码，或输入后按回车</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="28" />
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="69" />
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="69" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="70" />
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="70" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="71" />
        <source>Suspend</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="71" />
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="72" />
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="72" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="73" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="73" />
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="74" />
        <source>Gift</source>
        <translation>积分兑礼</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="74" />
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="75" />
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="75" />
        <source>Drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="76" />
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="76" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="77" />
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="77" />
        <source>Dashboard</source>
        <translation>经营看板</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="78" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="78" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="45" />
        <source>MemberTill — %1</source>
        <translation>会员收银台 — %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>supervisor</source>
        <translation>值班主管</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="50" />
        <source>Demo store PINs: %1</source>
        <translation>演示门店密码：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="102" />
        <source>Offline mode (no headquarters configured)</source>
        <translation>单机模式（未配置总部）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="105" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="105" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="106" />
        <source>%1 · %2 events waiting</source>
        <translation>%1 · %2 条待上传</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="122" />
        <source>Cashier: %1 (%2)</source>
        <translation>收银员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="127" />
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="127" />
        <source>Opening float in the drawer (yuan)</source>
        <translation>钱箱备用金（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="178" />
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="203" />
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="207" />
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="207" />
        <source>Scan or type the coupon code</source>
        <translation>扫描或输入券码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="222" />
        <source>No suspended sales</source>
        <translation>没有挂单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="224" />
        <source>%1 (%2 items)</source>
        <translation>%1（%2 件）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225" />
        <source>Resume a sale</source>
        <translation>取回挂单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225" />
        <source>Suspended sales</source>
        <translation>挂单列表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="250" />
        <source>void a line after subtotal</source>
        <translation>小计后删除行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="259" />
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="259" />
        <source>Throw away the whole sale?</source>
        <translation>确定作废整单吗？</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="263" />
        <source>void the sale after subtotal</source>
        <translation>小计后作废整单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="273" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="273" />
        <source>New quantity</source>
        <translation>新数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="280" />
        <location filename="../../pos_app/ui/main_window.py" line="290" />
        <location filename="../../pos_app/ui/main_window.py" line="302" />
        <source>Attach a member first</source>
        <translation>请先关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="282" />
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="282" />
        <source>Points to use (100 points = 1 yuan)</source>
        <translation>使用积分（100 积分 = 1 元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="313" />
        <source>The sale is empty</source>
        <translation>本单没有商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="347" />
        <location filename="../../pos_app/ui/main_window.py" line="351" />
        <source>Sale %1 complete. Change: %2</source>
        <translation>销售单 %1 已完成。找零：%2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="364" />
        <source>open the drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="383" />
        <source>Refunded %1</source>
        <translation>已退款 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="391" />
        <source>refund %1</source>
        <translation>退货 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <location filename="../../pos_app/ui/main_window.py" line="430" />
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <location filename="../../pos_app/ui/main_window.py" line="430" />
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <source>X report / close shift</source>
        <translation>班次报表 / 交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="408" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="408" />
        <source>What do you want to do?</source>
        <translation>要做什么？</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="415" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="419" />
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="424" />
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="424" />
        <source>Gross</source>
        <translation>销售总额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="425" />
        <source>Discounts</source>
        <translation>优惠合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="425" />
        <source>Points offset</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="426" />
        <source>Net sales</source>
        <translation>实收销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="427" />
        <source>Refunds</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="428" />
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="431" />
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="431" />
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="432" />
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="432" />
        <source>Points redeemed</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="433" />
        <source>Stored value spent</source>
        <translation>储值消费</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="434" />
        <source>Stored value bonus issued</source>
        <translation>赠送储值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="435" />
        <source>Cashier %1</source>
        <translation>收银员 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="437" />
        <source>Counted cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="438" />
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="446" />
        <source>Shift closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="451" />
        <source>see the dashboard</source>
        <translation>查看经营看板</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="253" />
        <source>Top up stored value</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="261" />
        <source>Other amount</source>
        <translation>其他金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="264" />
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="267" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="267" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="268" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="268" />
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="271" />
        <source>Payment reference (not for cash)</source>
        <translation>支付流水号（现金不需要）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="273" />
        <source>Plan</source>
        <translation>充值方案</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="274" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="275" />
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="276" />
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="278" />
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="287" />
        <source>Type the amount to top up</source>
        <translation>请输入充值金额</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="86" />
        <location filename="../../pos_app/ui/panels.py" line="89" />
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="93" />
        <source>Points offset (%1 points)</source>
        <translation>积分抵现（%1 积分）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="96" />
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="98" />
        <source>Points to earn</source>
        <translation>本单可得积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="101" />
        <source>Payable</source>
        <translation>应付</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="15" />
        <source>Unknown barcode %1</source>
        <translation>未知条码 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="16" />
        <source>Barcode %1 has a wrong check digit: scan it again</source>
        <translation>条码 %1 校验位错误，请重新扫描</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="17" />
        <source>Not a product barcode: %1</source>
        <translation>不是商品条码：%1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="18" />
        <source>Unknown scale item %1</source>
        <translation>未知称重商品 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="19" />
        <source>Quantity must be a whole number from 1 to %1</source>
        <translation>数量必须是 1 到 %1 的整数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="20" />
        <source>At most %1 of one item</source>
        <translation>同一商品最多 %1 件</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="21" />
        <source>Unknown coupon %1</source>
        <translation>未知优惠券 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="22" />
        <source>Spend %1 to save %2; %3 more needed</source>
        <translation>满 %1 减 %2；还差 %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="23" />
        <source>Minimum spend %1 on eligible items; %2 more needed</source>
        <translation>适用商品需满 %1 元；还差 %2 元</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="24" />
        <source>Payments %1 do not match the amount due %2</source>
        <translation>付款 %1 与应收 %2 不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="25" />
        <source>%1 needs %2 points; the member has %3</source>
        <translation>%1 需要 %2 积分；会员只有 %3 积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="26" />
        <source>Too many wrong PINs: PIN entry is locked until %1</source>
        <translation>密码错误次数过多，锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="27" />
        <source>%1 may not approve this</source>
        <translation>%1 无权批准此操作</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="28" />
        <source>No sale with receipt number %1</source>
        <translation>没有小票号为 %1 的销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="29" />
        <source>Line %1 has already been fully returned</source>
        <translation>第 %1 行已全部退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="30" />
        <source>Line %1: only %2 left to return</source>
        <translation>第 %1 行：只剩 %2 件可退</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="31" />
        <source>Coupon %1 has already been used</source>
        <translation>优惠券 %1 已被使用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="32" />
        <source>The member has only %1 points</source>
        <translation>会员只有 %1 积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="33" />
        <source>Points may pay at most %1% of the payable</source>
        <translation>积分最多抵扣应付的 %1%</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="34" />
        <source>Stored value balance is only %1 fen</source>
        <translation>储值余额只有 %1 分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="36" />
        <source>Points spent here today would pass the limit of %1 until headquarters confirms the balance</source>
        <translation>今日本机积分使用将超过离线上限 %1，需等总部确认余额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="44" />
        <source>Wrong PIN</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="44" />
        <source>A PIN is 4 to 8 digits</source>
        <translation>密码为 4 到 8 位数字</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="45" />
        <source>Manager approval is needed</source>
        <translation>需要店长授权</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="45" />
        <source>No member found</source>
        <translation>未找到会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="46" />
        <source>No such product</source>
        <translation>商品不存在</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="46" />
        <source>Weigh this item and scan its label</source>
        <translation>请称重后扫描秤签</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="47" />
        <source>That line is not in the sale</source>
        <translation>该行不在本单中</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="48" />
        <source>A weighed item's quantity comes from its label</source>
        <translation>称重商品的数量以秤签为准</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="49" />
        <source>This coupon has already been used</source>
        <translation>此券已被使用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="50" />
        <source>This coupon belongs to another member: attach that member first</source>
        <translation>此券属于其他会员：请先关联该会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="51" />
        <source>This coupon is already applied</source>
        <translation>此券已使用在本单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="52" />
        <source>That coupon is not applied</source>
        <translation>该券未使用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="53" />
        <source>Points must be a whole number</source>
        <translation>积分必须是整数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="54" />
        <source>Attach a member to use points</source>
        <translation>使用积分需先关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="54" />
        <source>The sale is empty</source>
        <translation>本单没有商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="55" />
        <source>Finish or suspend the current sale first</source>
        <translation>请先完成或挂起当前销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="56" />
        <source>That suspended sale is gone</source>
        <translation>该挂单已不存在</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="56" />
        <source>Open a shift first</source>
        <translation>请先开班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="57" />
        <source>A shift is already open</source>
        <translation>已有班次未交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="57" />
        <source>Unknown payment type</source>
        <translation>未知支付方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="58" />
        <source>Every payment must be a positive amount</source>
        <translation>每笔付款金额必须大于零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="59" />
        <source>The cash handed over is less than the cash payment</source>
        <translation>收到的现金少于现金付款额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="60" />
        <source>Attach a member to pay with stored value</source>
        <translation>使用储值需先关联会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="61" />
        <source>Scan or type the payment reference first</source>
        <translation>请先扫描或输入支付流水号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="62" />
        <source>The member no longer has enough points</source>
        <translation>会员积分已不足</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="63" />
        <source>This coupon is not valid at this time</source>
        <translation>此券不在有效期内</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="64" />
        <source>No item in the cart is covered by this coupon</source>
        <translation>购物车中没有此券适用的商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="65" />
        <source>The free item of this coupon is not in the cart</source>
        <translation>此券的赠品不在购物车中</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="66" />
        <source>Nothing left for this coupon to take off</source>
        <translation>此券已无可抵扣金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="67" />
        <source>Another coupon that cannot be combined is already applied</source>
        <translation>已使用一张不可叠加的券</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="68" />
        <source>This coupon cannot be combined with other coupons</source>
        <translation>此券不能与其他券同时使用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="69" />
        <source>Points can only be used with a member attached</source>
        <translation>关联会员后才能使用积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="70" />
        <source>A mainland mobile number has 11 digits and starts with 1</source>
        <translation>手机号为以 1 开头的 11 位数字</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="71" />
        <source>The member must agree to the terms first</source>
        <translation>会员须先同意条款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="72" />
        <source>This phone number is already a member</source>
        <translation>该手机号已是会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="73" />
        <source>The name is too long</source>
        <translation>姓名太长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="73" />
        <source>That birthday is not possible</source>
        <translation>生日日期无效</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="74" />
        <source>Type a phone number, its last 4 digits, or a card number</source>
        <translation>请输入手机号、尾号 4 位或卡号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="75" />
        <source>No such member</source>
        <translation>会员不存在</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="75" />
        <source>No such member or gift</source>
        <translation>会员或礼品不存在</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="76" />
        <source>Choose at least one line to return</source>
        <translation>请至少选择一行退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="77" />
        <source>Quantity to return must be a positive whole number</source>
        <translation>退货数量必须是正整数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="78" />
        <source>This return would give back more than was paid</source>
        <translation>退款金额将超过实付金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="79" />
        <source>Type the counted cash</source>
        <translation>请输入清点的现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="80" />
        <source>The opening float is between 0 and 10000.00 yuan</source>
        <translation>备用金须在 0 到 10000.00 元之间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="81" />
        <source>The amount is between 0.01 and 10000.00 yuan</source>
        <translation>金额须在 0.01 到 10000.00 元之间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="82" />
        <source>Top up with cash, WeChat Pay, Alipay or a bank card</source>
        <translation>请用现金、微信、支付宝或银行卡充值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="83" />
        <source>A top-up is between 0.01 and 10000.00 yuan</source>
        <translation>充值金额须在 0.01 到 10000.00 元之间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="84" />
        <source>Stored value spent here today would pass the offline limit until headquarters confirms the balance</source>
        <translation>今日本机储值消费将超过离线上限，需等总部确认余额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="85" />
        <source>Unknown cash movement</source>
        <translation>未知的现金操作</translation>
    </message>
</context>
</TS>