<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
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
        <source>Today&apos;s dashboard</source>
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
    <name>JournalDialog</name>
    <message>
        <source>Receipt journal</source>
        <translation>小票记录</translation>
    </message>
    <message>
        <source>Scan or type a receipt number</source>
        <translation>扫描或输入小票号</translation>
    </message>
    <message>
        <source>Receipt No.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print again (failed)</source>
        <translation>重新打印（失败的）</translation>
    </message>
    <message>
        <source>Reprint copy</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Choose a receipt</source>
        <translation>请选择一张小票</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Z 报表</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待打印</translation>
    </message>
    <message>
        <source>(%1 copies)</source>
        <translation>（已重打 %1 次）</translation>
    </message>
    <message>
        <source>No receipts in this shift yet</source>
        <translation>本班次还没有小票</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>MemberTill</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
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
    <name>MallOrdersDialog</name>
    <message>
        <source>Points mall orders</source>
        <translation>积分商城订单</translation>
    </message>
    <message>
        <source>Gifts %1 redeemed for points, to hand over here:</source>
        <translation>%1 用积分兑换、待在本店领取的礼品：</translation>
    </message>
    <message>
        <source>%1 — %2 points — redeemed %3</source>
        <translation>%1 — %2 积分 — 兑换于 %3</translation>
    </message>
    <message>
        <source>No order waiting to be handed over</source>
        <translation>没有待领取的订单</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Choose an order</source>
        <translation>请选择一个订单</translation>
    </message>
    <message>
        <source>Handed over: %1</source>
        <translation>已交付：%1</translation>
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
    <name>MemberActions</name>
    <message>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <source>No member on this sale</source>
        <translation>本单没有会员</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移除会员</translation>
    </message>
    <message>
        <source>Take the member off this sale? Their coupons and points come off too.</source>
        <translation>把会员从本单移除？会员的优惠券和积分抵现也一并取消。</translation>
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
        <source>let a member found by id, card or phone spend points or stored value on this sale</source>
        <translation>允许凭会员号/卡号/手机号识别的会员在本单使用积分或储值</translation>
    </message>
    <message>
        <source>Member not verified</source>
        <translation>会员身份未验证</translation>
    </message>
    <message>
        <source>Ask the member to show their member code. Or may a manager approve spending on this sale?</source>
        <translation>请会员出示会员动态码。或由经理授权本单使用积分/储值？</translation>
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
    <message>
        <source>Points mall: %1 gifts to hand over (Ctrl+G)</source>
        <translation>积分商城：%1 件礼品待领取（Ctrl+G）</translation>
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
        <source>To spend points or stored value, scan the member&apos;s code</source>
        <translation>使用积分或储值，请扫描会员动态码</translation>
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
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>付款参考号</translation>
    </message>
    <message>
        <source>Enter: pay the amount in cash (empty: what is still due); F2-F5: other tenders</source>
        <translation>Enter：按金额收现金（不填＝剩余应付）；F2–F5：其他付款方式</translation>
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
        <source>Manager approves spending</source>
        <translation>经理授权使用积分/储值</translation>
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
        <source>%1 received %2 · change %3</source>
        <translation>%1 收 %2 · 找零 %3</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
    <message>
        <source>No customer hands over %1: at most %2</source>
        <translation>顾客不可能支付 %1：最多 %2</translation>
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
    <name>ReasonAmountDialog</name>
    <message>
        <source>e.g. 5.00 or 10%</source>
        <translation>如 5.00 或 10%</translation>
    </message>
    <message>
        <source>e.g. 2.50</source>
        <translation>如 2.50</translation>
    </message>
    <message>
        <source>Why (printed on the receipt)</source>
        <translation>原因（会打印在小票上）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>不是金额：%1</translation>
    </message>
    <message>
        <source>Give a reason</source>
        <translation>请填写原因</translation>
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
        <source>COPY (reprinted %1)</source>
        <translation>重打小票 %1</translation>
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
        <source>Phone</source>
        <translation>手机</translation>
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
        <source>Member code</source>
        <translation>会员动态码</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <source>Phone look-up</source>
        <translation>手机号查询</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <source>Identified by</source>
        <translation>会员识别</translation>
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
        <source>Sold at</source>
        <translation>原销售门店</translation>
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
        <source>Sold at store-till %1 (supplied by headquarters)</source>
        <translation>原销售门店-收银台：%1（由总部提供）</translation>
    </message>
    <message>
        <source>Refund total: %1</source>
        <translation>退款合计：%1</translation>
    </message>
    <message>
        <source>points returned +%1</source>
        <translation>退回积分 +%1</translation>
    </message>
    <message>
        <source>points taken back -%1</source>
        <translation>扣回积分 -%1</translation>
    </message>
    <message>
        <source>Choose at least one item to return</source>
        <translation>请至少选择一件退货商品</translation>
    </message>
</context>
<context>
    <name>SaleActions</name>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Scan or type the coupon code</source>
        <translation>扫描或输入券码</translation>
    </message>
    <message>
        <source>No coupon on this sale</source>
        <translation>本单没有优惠券</translation>
    </message>
    <message>
        <source>Remove coupon</source>
        <translation>移除优惠券</translation>
    </message>
    <message>
        <source>Coupon to take off</source>
        <translation>要移除的优惠券</translation>
    </message>
    <message>
        <source>Choose the line whose price changes</source>
        <translation>请先选中要改价的商品行</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>新单价</translation>
    </message>
    <message>
        <source>price override</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Price override ({by}: {reason})</source>
        <translation>改价（{by}：{reason}）</translation>
    </message>
    <message>
        <source>The sale is empty</source>
        <translation>本单没有商品</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Amount or percent off</source>
        <translation>优惠金额或折扣百分比</translation>
    </message>
    <message>
        <source>manual discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Discount ({by}: {reason})</source>
        <translation>整单折扣（{by}：{reason}）</translation>
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
        <source>File or device node</source>
        <translation>文件或设备节点</translation>
    </message>
    <message>
        <source>Path or port</source>
        <translation>路径或端口</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>网络地址</translation>
    </message>
    <message>
        <source>TCP port</source>
        <translation>TCP 端口</translation>
    </message>
    <message>
        <source>Windows printer name</source>
        <translation>Windows 打印机名称</translation>
    </message>
    <message>
        <source>USB vendor:product id</source>
        <translation>USB 厂商:产品 ID</translation>
    </message>
    <message>
        <source>empty: keyboard-wedge (USB) scanners only</source>
        <translation>留空：仅使用键盘式（USB）扫码枪</translation>
    </message>
    <message>
        <source>Printer, scanner, headquarters and language take effect when the till starts again.</source>
        <translation>打印机、扫码枪、总部地址和语言在收银台下次启动时生效。</translation>
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
        <source>Printer prints QR codes itself</source>
        <translation>打印机支持原生二维码</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
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
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation>串口扫码枪端口</translation>
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
    <name>ShiftActions</name>
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
        <source>Rounding</source>
        <translation>抹零</translation>
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
    <message>
        <source>Remove member</source>
        <translation>移除会员</translation>
    </message>
    <message>
        <source>Remove coupon</source>
        <translation>移除优惠券</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Mall orders</source>
        <translation>商城订单</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>MemberTill</source>
        <translation>会员收银台</translation>
    </message>
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
        <source>Rules from HQ left out (%1): %2</source>
        <translation>已跳过无法读取的总部规则（%1 条）：%2</translation>
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
</TS>
