<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No sales yet</source>
        <translation>No sales yet</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong (%1). The sale in progress is kept; details are in the log.</source>
        <translation>Something went wrong (%1). The sale in progress is kept; details are in the log.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>Customer display</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>Welcome to %1</translation>
    </message>
    <message>
        <source>Scan to join and earn points on this purchase</source>
        <translation>Scan to join and earn points on this purchase</translation>
    </message>
    <message>
        <source>You save %1</source>
        <translation>You save %1</translation>
    </message>
    <message>
        <source>Member %1 · %2 points · earn %3 today</source>
        <translation>Member %1 · %2 points · earn %3 today</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Today&apos;s dashboard</source>
        <translation>Today&apos;s dashboard</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sales %1 · %2 receipts · average %3</source>
        <translation>Sales %1 · %2 receipts · average %3</translation>
    </message>
    <message>
        <source>Sales by hour (yuan)</source>
        <translation>Sales by hour (yuan)</translation>
    </message>
    <message>
        <source>Member share of sales</source>
        <translation>Member share of sales</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Top items (units)</source>
        <translation>Top items (units)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GiftDialog</name>
    <message>
        <source>Redeem points for a gift</source>
        <translation>Redeem points for a gift</translation>
    </message>
    <message>
        <source>Points balance: %1</source>
        <translation>Points balance: %1</translation>
    </message>
    <message>
        <source>%1 — %2 points</source>
        <translation>%1 — %2 points</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <source>Choose a gift</source>
        <translation>Choose a gift</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>Receipt journal</source>
        <translation>Receipt journal</translation>
    </message>
    <message>
        <source>Scan or type a receipt number</source>
        <translation>Scan or type a receipt number</translation>
    </message>
    <message>
        <source>Receipt No.</source>
        <translation>Receipt No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Print again (failed)</source>
        <translation>Print again (failed)</translation>
    </message>
    <message>
        <source>Reprint copy</source>
        <translation>Reprint copy</translation>
    </message>
    <message>
        <source>Choose a receipt</source>
        <translation>Choose a receipt</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X report</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Z report</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>(%1 copies)</source>
        <translation>(%1 copies)</translation>
    </message>
    <message>
        <source>No receipts in this shift yet</source>
        <translation>No receipts in this shift yet</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>Sent to the printer</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>MemberTill</source>
        <translation>MemberTill</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Enter your PIN</translation>
    </message>
    <message>
        <source>The PIN is digits only</source>
        <translation>The PIN is digits only</translation>
    </message>
</context>
<context>
    <name>MallOrdersDialog</name>
    <message>
        <source>Points mall orders</source>
        <translation>Points mall orders</translation>
    </message>
    <message>
        <source>Gifts %1 redeemed for points, to hand over here:</source>
        <translation>Gifts %1 redeemed for points, to hand over here:</translation>
    </message>
    <message>
        <source>%1 — %2 points — redeemed %3</source>
        <translation>%1 — %2 points — redeemed %3</translation>
    </message>
    <message>
        <source>No order waiting to be handed over</source>
        <translation>No order waiting to be handed over</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Choose an order</source>
        <translation>Choose an order</translation>
    </message>
    <message>
        <source>Handed over: %1</source>
        <translation>Handed over: %1</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <source>Approval needed: %1</source>
        <translation>Approval needed: %1</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
</context>
<context>
    <name>MemberActions</name>
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>No member on this sale</source>
        <translation>No member on this sale</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Take the member off this sale? Their coupons and points come off too.</source>
        <translation>Take the member off this sale? Their coupons and points come off too.</translation>
    </message>
    <message>
        <source>Attach a member first</source>
        <translation>Attach a member first</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Points to use (100 points = 1 yuan)</source>
        <translation>Points to use (100 points = 1 yuan)</translation>
    </message>
    <message>
        <source>let a member found by id, card or phone spend points or stored value on this sale</source>
        <translation>let a member found by id, card or phone spend points or stored value on this sale</translation>
    </message>
    <message>
        <source>Member not verified</source>
        <translation>Member not verified</translation>
    </message>
    <message>
        <source>Ask the member to show their member code. Or may a manager approve spending on this sale?</source>
        <translation>Ask the member to show their member code. Or may a manager approve spending on this sale?</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <source>Find a member</source>
        <translation>Find a member</translation>
    </message>
    <message>
        <source>Phone number, last 4 digits, or card number</source>
        <translation>Phone number, last 4 digits, or card number</translation>
    </message>
    <message>
        <source>Register new member</source>
        <translation>Register new member</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Attach</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>No member found</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <source>No member</source>
        <translation>No member</translation>
    </message>
    <message>
        <source>Scan the member code, or press F3 to look up by phone</source>
        <translation>Scan the member code, or press F3 to look up by phone</translation>
    </message>
    <message>
        <source>Phone: %1
Points: %2
Stored value: %3</source>
        <translation>Phone: %1
Points: %2
Stored value: %3</translation>
    </message>
    <message>
        <source>Usable coupons:</source>
        <translation>Usable coupons:</translation>
    </message>
    <message>
        <source>No coupon usable for this cart</source>
        <translation>No coupon usable for this cart</translation>
    </message>
    <message>
        <source>%1 other coupons do not apply</source>
        <translation>%1 other coupons do not apply</translation>
    </message>
    <message>
        <source>Points mall: %1 gifts to hand over (Ctrl+G)</source>
        <translation>Points mall: %1 gifts to hand over (Ctrl+G)</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>Payable</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Still due</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>Use points</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>To spend points or stored value, scan the member&apos;s code</source>
        <translation>To spend points or stored value, scan the member&apos;s code</translation>
    </message>
    <message>
        <source>Balance %1 points; at most %2 points on this sale</source>
        <translation>Balance %1 points; at most %2 points on this sale</translation>
    </message>
    <message>
        <source>Attach a member to use points</source>
        <translation>Attach a member to use points</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Payment reference</translation>
    </message>
    <message>
        <source>Enter: pay the amount in cash (empty: what is still due); F2-F5: other tenders</source>
        <translation>Enter: pay the amount in cash (empty: what is still due); F2-F5: other tenders</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source>Stored value balance: %1</source>
        <translation>Stored value balance: %1</translation>
    </message>
    <message>
        <source>Manager approves spending</source>
        <translation>Manager approves spending</translation>
    </message>
    <message>
        <source>Clear payments</source>
        <translation>Clear payments</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation>Complete sale</translation>
    </message>
    <message>
        <source>%1 received %2 · change %3</source>
        <translation>%1 received %2 · change %3</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
    </message>
    <message>
        <source>No customer hands over %1: at most %2</source>
        <translation>No customer hands over %1: at most %2</translation>
    </message>
    <message>
        <source>Nothing is due</source>
        <translation>Nothing is due</translation>
    </message>
    <message>
        <source>Only %1 is due</source>
        <translation>Only %1 is due</translation>
    </message>
    <message>
        <source>Stored value balance is only %1</source>
        <translation>Stored value balance is only %1</translation>
    </message>
    <message>
        <source>Scan or type the payment reference first</source>
        <translation>Scan or type the payment reference first</translation>
    </message>
</context>
<context>
    <name>ProductSearchDialog</name>
    <message>
        <source>Find a product</source>
        <translation>Find a product</translation>
    </message>
    <message>
        <source>Name or pinyin initials, e.g. kkkl</source>
        <translation>Name or pinyin initials, e.g. kkkl</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>Add to sale</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>ReasonAmountDialog</name>
    <message>
        <source>e.g. 5.00 or 10%</source>
        <translation>e.g. 5.00 or 10%</translation>
    </message>
    <message>
        <source>e.g. 2.50</source>
        <translation>e.g. 2.50</translation>
    </message>
    <message>
        <source>Why (printed on the receipt)</source>
        <translation>Why (printed on the receipt)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
    </message>
    <message>
        <source>Give a reason</source>
        <translation>Give a reason</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>COPY (reprinted %1)</source>
        <translation>COPY (reprinted %1)</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Receipt No.</source>
        <translation>Receipt No.</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Points earned</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message>
        <source>Points balance</source>
        <translation>Points balance</translation>
    </message>
    <message>
        <source>Points expiring within 30 days</source>
        <translation>Points expiring within 30 days</translation>
    </message>
    <message>
        <source>Stored value used</source>
        <translation>Stored value used</translation>
    </message>
    <message>
        <source>Stored value balance</source>
        <translation>Stored value balance</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Member code</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Member card</translation>
    </message>
    <message>
        <source>Phone look-up</source>
        <translation>Phone look-up</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>Member number</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <source>Identified by</source>
        <translation>Identified by</translation>
    </message>
    <message>
        <source>Sales receipt</source>
        <translation>Sales receipt</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Points offset (%1 points)</source>
        <translation>Points offset (%1 points)</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Refund receipt</source>
        <translation>Refund receipt</translation>
    </message>
    <message>
        <source>Original receipt</source>
        <translation>Original receipt</translation>
    </message>
    <message>
        <source>Sold at</source>
        <translation>Sold at</translation>
    </message>
    <message>
        <source>Refund total</source>
        <translation>Refund total</translation>
    </message>
    <message>
        <source>Points returned</source>
        <translation>Points returned</translation>
    </message>
    <message>
        <source>Points taken back</source>
        <translation>Points taken back</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Stored value top-up</source>
        <translation>Stored value top-up</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Z report (shift closed)</source>
        <translation>Z report (shift closed)</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>X report (shift so far)</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Gross</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Discounts</translation>
    </message>
    <message>
        <source>Points offset</source>
        <translation>Points offset</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <source>Refunds (%1)</source>
        <translation>Refunds (%1)</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Float</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>Points issued</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Points redeemed</translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation>Stored value spent</translation>
    </message>
</context>
<context>
    <name>RegisterMemberDialog</name>
    <message>
        <source>Register a member</source>
        <translation>Register a member</translation>
    </message>
    <message>
        <source>Birthday known</source>
        <translation>Birthday known</translation>
    </message>
    <message>
        <source>Member agrees to the membership terms and privacy notice</source>
        <translation>Member agrees to the membership terms and privacy notice</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>The member must agree to the terms first</source>
        <translation>The member must agree to the terms first</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return items</source>
        <translation>Return items</translation>
    </message>
    <message>
        <source>Scan the receipt barcode or type its number</source>
        <translation>Scan the receipt barcode or type its number</translation>
    </message>
    <message>
        <source>Find sale</source>
        <translation>Find sale</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Can return</source>
        <translation>Can return</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Return qty</source>
        <translation>Return qty</translation>
    </message>
    <message>
        <source>Return everything</source>
        <translation>Return everything</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Sold at store-till %1 (supplied by headquarters)</source>
        <translation>Sold at store-till %1 (supplied by headquarters)</translation>
    </message>
    <message>
        <source>Refund total: %1</source>
        <translation>Refund total: %1</translation>
    </message>
    <message>
        <source>points returned +%1</source>
        <translation>points returned +%1</translation>
    </message>
    <message>
        <source>points taken back -%1</source>
        <translation>points taken back -%1</translation>
    </message>
    <message>
        <source>Choose at least one item to return</source>
        <translation>Choose at least one item to return</translation>
    </message>
</context>
<context>
    <name>SaleActions</name>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Scan or type the coupon code</source>
        <translation>Scan or type the coupon code</translation>
    </message>
    <message>
        <source>No coupon on this sale</source>
        <translation>No coupon on this sale</translation>
    </message>
    <message>
        <source>Remove coupon</source>
        <translation>Remove coupon</translation>
    </message>
    <message>
        <source>Coupon to take off</source>
        <translation>Coupon to take off</translation>
    </message>
    <message>
        <source>Choose the line whose price changes</source>
        <translation>Choose the line whose price changes</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>Price override</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>New unit price</translation>
    </message>
    <message>
        <source>price override</source>
        <translation>price override</translation>
    </message>
    <message>
        <source>Price override ({by}: {reason})</source>
        <translation>Price override ({by}: {reason})</translation>
    </message>
    <message>
        <source>The sale is empty</source>
        <translation>The sale is empty</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Amount or percent off</source>
        <translation>Amount or percent off</translation>
    </message>
    <message>
        <source>manual discount</source>
        <translation>manual discount</translation>
    </message>
    <message>
        <source>Discount ({by}: {reason})</source>
        <translation>Discount ({by}: {reason})</translation>
    </message>
    <message>
        <source>No suspended sales</source>
        <translation>No suspended sales</translation>
    </message>
    <message>
        <source>%1 (%2 items)</source>
        <translation>%1 (%2 items)</translation>
    </message>
    <message>
        <source>Resume a sale</source>
        <translation>Resume a sale</translation>
    </message>
    <message>
        <source>Suspended sales</source>
        <translation>Suspended sales</translation>
    </message>
    <message>
        <source>void a line after subtotal</source>
        <translation>void a line after subtotal</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>Void sale</translation>
    </message>
    <message>
        <source>Throw away the whole sale?</source>
        <translation>Throw away the whole sale?</translation>
    </message>
    <message>
        <source>void the sale after subtotal</source>
        <translation>void the sale after subtotal</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>New quantity</source>
        <translation>New quantity</translation>
    </message>
    <message>
        <source>Sale %1 complete. Change: %2</source>
        <translation>Sale %1 complete. Change: %2</translation>
    </message>
    <message>
        <source>Nothing printed yet</source>
        <translation>Nothing printed yet</translation>
    </message>
    <message>
        <source>open the drawer without a sale</source>
        <translation>open the drawer without a sale</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>Store name</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>Till name</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>Receipt footer</translation>
    </message>
    <message>
        <source>Receipt QR code</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>File or device node</source>
        <translation>File or device node</translation>
    </message>
    <message>
        <source>Path or port</source>
        <translation>Path or port</translation>
    </message>
    <message>
        <source>Network address</source>
        <translation>Network address</translation>
    </message>
    <message>
        <source>TCP port</source>
        <translation>TCP port</translation>
    </message>
    <message>
        <source>Windows printer name</source>
        <translation>Windows printer name</translation>
    </message>
    <message>
        <source>USB vendor:product id</source>
        <translation>USB vendor:product id</translation>
    </message>
    <message>
        <source>empty: keyboard-wedge (USB) scanners only</source>
        <translation>empty: keyboard-wedge (USB) scanners only</translation>
    </message>
    <message>
        <source>Printer, scanner, headquarters and language take effect when the till starts again.</source>
        <translation>Printer, scanner, headquarters and language take effect when the till starts again.</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Serial port</translation>
    </message>
    <message>
        <source>Network (port 9100)</source>
        <translation>Network (port 9100)</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows printer</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Printer prints QR codes itself</source>
        <translation>Printer prints QR codes itself</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <source>Serial scanner port</source>
        <translation>Serial scanner port</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Headquarters address</source>
        <translation>Headquarters address</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ShareRing</name>
    <message>
        <source>No sales yet</source>
        <translation>No sales yet</translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <source>Refunded %1</source>
        <translation>Refunded %1</translation>
    </message>
    <message>
        <source>refund %1</source>
        <translation>refund %1</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>X report / close shift</source>
        <translation>X report / close shift</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation>What do you want to do?</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Gross</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Discounts</translation>
    </message>
    <message>
        <source>Points offset</source>
        <translation>Points offset</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <source>Points issued</source>
        <translation>Points issued</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Points redeemed</translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation>Stored value spent</translation>
    </message>
    <message>
        <source>Stored value bonus issued</source>
        <translation>Stored value bonus issued</translation>
    </message>
    <message>
        <source>Cashier %1</source>
        <translation>Cashier %1</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>Over / short</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>Shift closed</translation>
    </message>
    <message>
        <source>see the dashboard</source>
        <translation>see the dashboard</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <source>Close shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>X report (shift so far)</translation>
    </message>
    <message>
        <source>Counted cash in the drawer, yuan</source>
        <translation>Counted cash in the drawer, yuan</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close shift and print Z report</source>
        <translation>Close shift and print Z report</translation>
    </message>
    <message>
        <source>Type the counted cash first</source>
        <translation>Type the counted cash first</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
</context>
<context>
    <name>TillScreen</name>
    <message>
        <source>Scan a barcode or member code, or type it and press Enter</source>
        <translation>Scan a barcode or member code, or type it and press Enter</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>Void line</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>Void sale</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Remove coupon</source>
        <translation>Remove coupon</translation>
    </message>
    <message>
        <source>Price override</source>
        <translation>Price override</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Mall orders</source>
        <translation>Mall orders</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>MemberTill</source>
        <translation>MemberTill</translation>
    </message>
    <message>
        <source>MemberTill — %1</source>
        <translation>MemberTill — %1</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>cashier</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>manager</translation>
    </message>
    <message>
        <source>Demo store PINs: %1</source>
        <translation>Demo store PINs: %1</translation>
    </message>
    <message>
        <source>Rules from HQ left out (%1): %2</source>
        <translation>Rules from HQ left out (%1): %2</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <source>Printer: %1 (Ctrl+P reprints)</source>
        <translation>Printer: %1 (Ctrl+P reprints)</translation>
    </message>
    <message>
        <source>Offline mode (no headquarters configured)</source>
        <translation>Offline mode (no headquarters configured)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Not enrolled with HQ yet: HQ unreachable, retrying · %1 events waiting</source>
        <translation>Not enrolled with HQ yet: HQ unreachable, retrying · %1 events waiting</translation>
    </message>
    <message>
        <source>HQ refused this till: %1</source>
        <translation>HQ refused this till: %1</translation>
    </message>
    <message>
        <source>Online · %1 events waiting · synced %2</source>
        <translation>Online · %1 events waiting · synced %2</translation>
    </message>
    <message>
        <source>Offline · %1 events waiting · last sync %2</source>
        <translation>Offline · %1 events waiting · last sync %2</translation>
    </message>
    <message>
        <source>Cashier: %1 (%2)</source>
        <translation>Cashier: %1 (%2)</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <source>Opening float in the drawer (yuan)</source>
        <translation>Opening float in the drawer (yuan)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <source>Top up stored value</source>
        <translation>Top up stored value</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Other amount</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>Amount in yuan</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>Payment reference (not for cash)</source>
        <translation>Payment reference (not for cash)</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <source>Type the amount to top up</source>
        <translation>Type the amount to top up</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Points offset (%1 points)</source>
        <translation>Points offset (%1 points)</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <source>Points to earn</source>
        <translation>Points to earn</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>Payable</translation>
    </message>
</context>
</TS>
