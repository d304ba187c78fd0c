<?xml version='1.0' encoding='utf-8'?>
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
        <source>Today's dashboard</source>
        <translation>Today's dashboard</translation>
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
    <name>LoginScreen</name>
    <message>
        <source>MemberTill</source>
        <translation>MemberTill</translation>
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
        <source>Balance %1 points; at most %2 points on this sale</source>
        <translation>Balance %1 points; at most %2 points on this sale</translation>
    </message>
    <message>
        <source>Attach a member to use points</source>
        <translation>Attach a member to use points</translation>
    </message>
    <message>
        <source>Amount, Enter = cash (empty = what is still due)</source>
        <translation>Amount, Enter = cash (empty = what is still due)</translation>
    </message>
    <message>
        <source>Payment reference (scan or type)</source>
        <translation>Payment reference (scan or type)</translation>
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
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
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
        <source>Choose at least one item to return</source>
        <translation>Choose at least one item to return</translation>
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
        <source>File (demo)</source>
        <translation>File (demo)</translation>
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
        <source>path, host:port, COM3, or vendor:product id</source>
        <translation>path, host:port, COM3, or vendor:product id</translation>
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
        <source>Connection</source>
        <translation>Connection</translation>
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
        <source>Keyboard wedge (USB)</source>
        <translation>Keyboard wedge (USB)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>Baud rate</translation>
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
        <source>Language (after restart)</source>
        <translation>Language (after restart)</translation>
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
</context>
<context>
    <name>TillWindow</name>
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
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Scan or type the coupon code</source>
        <translation>Scan or type the coupon code</translation>
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
        <source>The sale is empty</source>
        <translation>The sale is empty</translation>
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
<context>
    <name>messages</name>
    <message>
        <source>This till was revoked: %1</source>
        <translation>This till was revoked: %1</translation>
    </message>
    <message>
        <source>HQ unreachable: %1</source>
        <translation>HQ unreachable: %1</translation>
    </message>
    <message>
        <source>HQ error %1: %2</source>
        <translation>HQ error %1: %2</translation>
    </message>
    <message>
        <source>Unreadable scan (%1)</source>
        <translation>Unreadable scan (%1)</translation>
    </message>
    <message>
        <source>Printer not found: is it on and connected? (%1)</source>
        <translation>Printer not found: is it on and connected? (%1)</translation>
    </message>
    <message>
        <source>No permission to use the printer (%1)</source>
        <translation>No permission to use the printer (%1)</translation>
    </message>
    <message>
        <source>Printer error: %1</source>
        <translation>Printer error: %1</translation>
    </message>
    <message>
        <source>Could not render the receipt: %1</source>
        <translation>Could not render the receipt: %1</translation>
    </message>
    <message>
        <source>Unknown barcode %1</source>
        <translation>Unknown barcode %1</translation>
    </message>
    <message>
        <source>Barcode %1 has a wrong check digit: scan it again</source>
        <translation>Barcode %1 has a wrong check digit: scan it again</translation>
    </message>
    <message>
        <source>Not a product barcode: %1</source>
        <translation>Not a product barcode: %1</translation>
    </message>
    <message>
        <source>Unknown scale item %1</source>
        <translation>Unknown scale item %1</translation>
    </message>
    <message>
        <source>Quantity must be a whole number from 1 to %1</source>
        <translation>Quantity must be a whole number from 1 to %1</translation>
    </message>
    <message>
        <source>At most %1 of one item</source>
        <translation>At most %1 of one item</translation>
    </message>
    <message>
        <source>Unknown coupon %1</source>
        <translation>Unknown coupon %1</translation>
    </message>
    <message>
        <source>Spend %1 to save %2; %3 more needed</source>
        <translation>Spend %1 to save %2; %3 more needed</translation>
    </message>
    <message>
        <source>Minimum spend %1 on eligible items; %2 more needed</source>
        <translation>Minimum spend %1 on eligible items; %2 more needed</translation>
    </message>
    <message>
        <source>Payments %1 do not match the amount due %2</source>
        <translation>Payments %1 do not match the amount due %2</translation>
    </message>
    <message>
        <source>%1 needs %2 points; the member has %3</source>
        <translation>%1 needs %2 points; the member has %3</translation>
    </message>
    <message>
        <source>Too many wrong PINs: PIN entry is locked until %1</source>
        <translation>Too many wrong PINs: PIN entry is locked until %1</translation>
    </message>
    <message>
        <source>%1 may not approve this</source>
        <translation>%1 may not approve this</translation>
    </message>
    <message>
        <source>No sale with receipt number %1</source>
        <translation>No sale with receipt number %1</translation>
    </message>
    <message>
        <source>Line %1 has already been fully returned</source>
        <translation>Line %1 has already been fully returned</translation>
    </message>
    <message>
        <source>Line %1: only %2 left to return</source>
        <translation>Line %1: only %2 left to return</translation>
    </message>
    <message>
        <source>Coupon %1 has already been used</source>
        <translation>Coupon %1 has already been used</translation>
    </message>
    <message>
        <source>The member has only %1 points</source>
        <translation>The member has only %1 points</translation>
    </message>
    <message>
        <source>Points may pay at most %1% of the payable</source>
        <translation>Points may pay at most %1% of the payable</translation>
    </message>
    <message>
        <source>Stored value balance is only %1 fen</source>
        <translation>Stored value balance is only %1 fen</translation>
    </message>
    <message>
        <source>Points spent here today would pass the limit of %1 until headquarters confirms the balance</source>
        <translation>Points spent here today would pass the limit of %1 until headquarters confirms the balance</translation>
    </message>
    <message>
        <source>The disk is full: nothing was recorded. Free some space, then try again</source>
        <translation>The disk is full: nothing was recorded. Free some space, then try again</translation>
    </message>
    <message>
        <source>The database is read-only: nothing was recorded. Call support</source>
        <translation>The database is read-only: nothing was recorded. Call support</translation>
    </message>
    <message>
        <source>The database is busy: nothing was recorded. Try again</source>
        <translation>The database is busy: nothing was recorded. Try again</translation>
    </message>
    <message>
        <source>The disk could not be written: nothing was recorded. Call support</source>
        <translation>The disk could not be written: nothing was recorded. Call support</translation>
    </message>
    <message>
        <source>Unknown till token: enrol this till again</source>
        <translation>Unknown till token: enrol this till again</translation>
    </message>
    <message>
        <source>Missing till token: enrol this till first</source>
        <translation>Missing till token: enrol this till first</translation>
    </message>
    <message>
        <source>This enrolment code is unknown, used or expired: ask HQ for a new one</source>
        <translation>This enrolment code is unknown, used or expired: ask HQ for a new one</translation>
    </message>
    <message>
        <source>Not a valid member code</source>
        <translation>Not a valid member code</translation>
    </message>
    <message>
        <source>This member has no registered phone: ask them to open the app again</source>
        <translation>This member has no registered phone: ask them to open the app again</translation>
    </message>
    <message>
        <source>Member code signature is wrong: the code was altered or is not this member's</source>
        <translation>Member code signature is wrong: the code was altered or is not this member's</translation>
    </message>
    <message>
        <source>Member code has expired: ask the member to refresh it</source>
        <translation>Member code has expired: ask the member to refresh it</translation>
    </message>
    <message>
        <source>Member code is from the future: check the phone's clock</source>
        <translation>Member code is from the future: check the phone's clock</translation>
    </message>
    <message>
        <source>This member code was already used: ask the member to refresh it</source>
        <translation>This member code was already used: ask the member to refresh it</translation>
    </message>
    <message>
        <source>Empty scan</source>
        <translation>Empty scan</translation>
    </message>
    <message>
        <source>Wrong check digit: scan it again</source>
        <translation>Wrong check digit: scan it again</translation>
    </message>
    <message>
        <source>Not a product, member, coupon or receipt code</source>
        <translation>Not a product, member, coupon or receipt code</translation>
    </message>
    <message>
        <source>Scan is too long to be any code we know</source>
        <translation>Scan is too long to be any code we know</translation>
    </message>
    <message>
        <source>Printer did not answer in time: is it on and connected?</source>
        <translation>Printer did not answer in time: is it on and connected?</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>Printer ready</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits</source>
        <translation>A PIN is 4 to 8 digits</translation>
    </message>
    <message>
        <source>Manager approval is needed</source>
        <translation>Manager approval is needed</translation>
    </message>
    <message>
        <source>No member found</source>
        <translation>No member found</translation>
    </message>
    <message>
        <source>No such product</source>
        <translation>No such product</translation>
    </message>
    <message>
        <source>Weigh this item and scan its label</source>
        <translation>Weigh this item and scan its label</translation>
    </message>
    <message>
        <source>That line is not in the sale</source>
        <translation>That line is not in the sale</translation>
    </message>
    <message>
        <source>A weighed item's quantity comes from its label</source>
        <translation>A weighed item's quantity comes from its label</translation>
    </message>
    <message>
        <source>This coupon has already been used</source>
        <translation>This coupon has already been used</translation>
    </message>
    <message>
        <source>This coupon belongs to another member: attach that member first</source>
        <translation>This coupon belongs to another member: attach that member first</translation>
    </message>
    <message>
        <source>This coupon is already applied</source>
        <translation>This coupon is already applied</translation>
    </message>
    <message>
        <source>That coupon is not applied</source>
        <translation>That coupon is not applied</translation>
    </message>
    <message>
        <source>Points must be a whole number</source>
        <translation>Points must be a whole number</translation>
    </message>
    <message>
        <source>Attach a member to use points</source>
        <translation>Attach a member to use points</translation>
    </message>
    <message>
        <source>The sale is empty</source>
        <translation>The sale is empty</translation>
    </message>
    <message>
        <source>Finish or suspend the current sale first</source>
        <translation>Finish or suspend the current sale first</translation>
    </message>
    <message>
        <source>That suspended sale is gone</source>
        <translation>That suspended sale is gone</translation>
    </message>
    <message>
        <source>Open a shift first</source>
        <translation>Open a shift first</translation>
    </message>
    <message>
        <source>A shift is already open</source>
        <translation>A shift is already open</translation>
    </message>
    <message>
        <source>Unknown payment type</source>
        <translation>Unknown payment type</translation>
    </message>
    <message>
        <source>Every payment must be a positive amount</source>
        <translation>Every payment must be a positive amount</translation>
    </message>
    <message>
        <source>The cash handed over is less than the cash payment</source>
        <translation>The cash handed over is less than the cash payment</translation>
    </message>
    <message>
        <source>Attach a member to pay with stored value</source>
        <translation>Attach a member to pay with stored value</translation>
    </message>
    <message>
        <source>Scan or type the payment reference first</source>
        <translation>Scan or type the payment reference first</translation>
    </message>
    <message>
        <source>The member no longer has enough points</source>
        <translation>The member no longer has enough points</translation>
    </message>
    <message>
        <source>This coupon is not valid at this time</source>
        <translation>This coupon is not valid at this time</translation>
    </message>
    <message>
        <source>No item in the cart is covered by this coupon</source>
        <translation>No item in the cart is covered by this coupon</translation>
    </message>
    <message>
        <source>The free item of this coupon is not in the cart</source>
        <translation>The free item of this coupon is not in the cart</translation>
    </message>
    <message>
        <source>Nothing left for this coupon to take off</source>
        <translation>Nothing left for this coupon to take off</translation>
    </message>
    <message>
        <source>Another coupon that cannot be combined is already applied</source>
        <translation>Another coupon that cannot be combined is already applied</translation>
    </message>
    <message>
        <source>This coupon cannot be combined with other coupons</source>
        <translation>This coupon cannot be combined with other coupons</translation>
    </message>
    <message>
        <source>Points can only be used with a member attached</source>
        <translation>Points can only be used with a member attached</translation>
    </message>
    <message>
        <source>A mainland mobile number has 11 digits and starts with 1</source>
        <translation>A mainland mobile number has 11 digits and starts with 1</translation>
    </message>
    <message>
        <source>The member must agree to the terms first</source>
        <translation>The member must agree to the terms first</translation>
    </message>
    <message>
        <source>This phone number is already a member</source>
        <translation>This phone number is already a member</translation>
    </message>
    <message>
        <source>The name is too long</source>
        <translation>The name is too long</translation>
    </message>
    <message>
        <source>That birthday is not possible</source>
        <translation>That birthday is not possible</translation>
    </message>
    <message>
        <source>Type a phone number, its last 4 digits, or a card number</source>
        <translation>Type a phone number, its last 4 digits, or a card number</translation>
    </message>
    <message>
        <source>No such member</source>
        <translation>No such member</translation>
    </message>
    <message>
        <source>No such member or gift</source>
        <translation>No such member or gift</translation>
    </message>
    <message>
        <source>Choose at least one line to return</source>
        <translation>Choose at least one line to return</translation>
    </message>
    <message>
        <source>Quantity to return must be a positive whole number</source>
        <translation>Quantity to return must be a positive whole number</translation>
    </message>
    <message>
        <source>This return would give back more than was paid</source>
        <translation>This return would give back more than was paid</translation>
    </message>
    <message>
        <source>Type the counted cash</source>
        <translation>Type the counted cash</translation>
    </message>
    <message>
        <source>The opening float is between 0 and 10000.00 yuan</source>
        <translation>The opening float is between 0 and 10000.00 yuan</translation>
    </message>
    <message>
        <source>The amount is between 0.01 and 10000.00 yuan</source>
        <translation>The amount is between 0.01 and 10000.00 yuan</translation>
    </message>
    <message>
        <source>Top up with cash, WeChat Pay, Alipay or a bank card</source>
        <translation>Top up with cash, WeChat Pay, Alipay or a bank card</translation>
    </message>
    <message>
        <source>A top-up is between 0.01 and 10000.00 yuan</source>
        <translation>A top-up is between 0.01 and 10000.00 yuan</translation>
    </message>
    <message>
        <source>Stored value spent here today would pass the offline limit until headquarters confirms the balance</source>
        <translation>Stored value spent here today would pass the offline limit until headquarters confirms the balance</translation>
    </message>
    <message>
        <source>Unknown cash movement</source>
        <translation>Unknown cash movement</translation>
    </message>
</context>
</TS>