<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AmountDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="366" />
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="74" />
        <source>No sales yet</source>
        <translation>No sales yet</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_model.py" line="17" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="76" />
        <source>Today's dashboard</source>
        <translation>Today's dashboard</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="91" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="98" />
        <source>Sales %1 · %2 receipts · average %3</source>
        <translation>Sales %1 · %2 receipts · average %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="100" />
        <source>Sales by hour (yuan)</source>
        <translation>Sales by hour (yuan)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="102" />
        <source>Member share of sales</source>
        <translation>Member share of sales</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="103" />
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="103" />
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="104" />
        <source>Top items (units)</source>
        <translation>Top items (units)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="30" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GiftDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="308" />
        <source>Redeem points for a gift</source>
        <translation>Redeem points for a gift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="312" />
        <source>Points balance: %1</source>
        <translation>Points balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="315" />
        <source>%1 — %2 points</source>
        <translation>%1 — %2 points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="323" />
        <source>Redeem</source>
        <translation>Redeem</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="329" />
        <source>Choose a gift</source>
        <translation>Choose a gift</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../pos_app/ui/login.py" line="23" />
        <source>MemberTill</source>
        <translation>MemberTill</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/login.py" line="31" />
        <source>Enter your PIN</source>
        <translation>Enter your PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/login.py" line="54" />
        <source>The PIN is digits only</source>
        <translation>The PIN is digits only</translation>
    </message>
</context>
<context>
    <name>ManagerOverrideDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="46" />
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="50" />
        <source>Approval needed: %1</source>
        <translation>Approval needed: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="54" />
        <source>Manager PIN</source>
        <translation>Manager PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="61" />
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="146" />
        <source>Find a member</source>
        <translation>Find a member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="154" />
        <source>Phone number, last 4 digits, or card number</source>
        <translation>Phone number, last 4 digits, or card number</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="159" />
        <source>Register new member</source>
        <translation>Register new member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="163" />
        <source>Attach</source>
        <translation>Attach</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="173" />
        <source>No member found</source>
        <translation>No member found</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="35" />
        <source>No member</source>
        <translation>No member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="36" />
        <source>Scan the member code, or press F3 to look up by phone</source>
        <translation>Scan the member code, or press F3 to look up by phone</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="42" />
        <source>Phone: %1
Points: %2
Stored value: %3</source>
        <translation>Phone: %1
Points: %2
Stored value: %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="46" />
        <source>Usable coupons:</source>
        <translation>Usable coupons:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="48" />
        <source>No coupon usable for this cart</source>
        <translation>No coupon usable for this cart</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="50" />
        <source>%1 other coupons do not apply</source>
        <translation>%1 other coupons do not apply</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="33" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="36" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="42" />
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="57" />
        <source>Payable</source>
        <translation>Payable</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="59" />
        <source>Still due</source>
        <translation>Still due</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="61" />
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="72" />
        <source>Use points</source>
        <translation>Use points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="74" />
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="80" />
        <source>Balance %1 points; at most %2 points on this sale</source>
        <translation>Balance %1 points; at most %2 points on this sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="82" />
        <source>Attach a member to use points</source>
        <translation>Attach a member to use points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="88" />
        <source>Amount (empty = what is still due)</source>
        <translation>Amount (empty = what is still due)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="91" />
        <source>Payment reference (scan or type)</source>
        <translation>Payment reference (scan or type)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="97" />
        <source>Exact</source>
        <translation>Exact</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="109" />
        <source>Stored value balance: %1</source>
        <translation>Stored value balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="118" />
        <source>Clear payments</source>
        <translation>Clear payments</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="120" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="122" />
        <source>Complete sale</source>
        <translation>Complete sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="157" />
        <source>Not an amount: %1</source>
        <translation>Not an amount: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="177" />
        <source>Nothing is due</source>
        <translation>Nothing is due</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="185" />
        <source>Only %1 is due</source>
        <translation>Only %1 is due</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="191" />
        <source>Stored value balance is only %1</source>
        <translation>Stored value balance is only %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="194" />
        <source>Scan or type the payment reference first</source>
        <translation>Scan or type the payment reference first</translation>
    </message>
</context>
<context>
    <name>ProductSearchDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="83" />
        <source>Find a product</source>
        <translation>Find a product</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="90" />
        <source>Name or pinyin initials, e.g. kkkl</source>
        <translation>Name or pinyin initials, e.g. kkkl</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="97" />
        <source>Add to sale</source>
        <translation>Add to sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="128" />
        <source>%1 found</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>RegisterMemberDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="201" />
        <source>Register a member</source>
        <translation>Register a member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="210" />
        <source>Birthday known</source>
        <translation>Birthday known</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="216" />
        <source>Member agrees to the membership terms and privacy notice</source>
        <translation>Member agrees to the membership terms and privacy notice</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="219" />
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="220" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="224" />
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="230" />
        <source>The member must agree to the terms first</source>
        <translation>The member must agree to the terms first</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="22" />
        <source>Return items</source>
        <translation>Return items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="31" />
        <source>Scan the receipt barcode or type its number</source>
        <translation>Scan the receipt barcode or type its number</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="33" />
        <source>Find sale</source>
        <translation>Find sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Can return</source>
        <translation>Can return</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="40" />
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="41" />
        <source>Return qty</source>
        <translation>Return qty</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="48" />
        <source>Return everything</source>
        <translation>Return everything</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="50" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="52" />
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/returns.py" line="100" />
        <source>Choose at least one item to return</source>
        <translation>Choose at least one item to return</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="18" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="31" />
        <source>Store name</source>
        <translation>Store name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="31" />
        <source>Till name</source>
        <translation>Till name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="32" />
        <source>Receipt footer</source>
        <translation>Receipt footer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="32" />
        <source>Receipt QR code</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="33" />
        <source>Store</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="36" />
        <source>File (demo)</source>
        <translation>File (demo)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="36" />
        <location filename="../../pos_app/ui/settings.py" line="54" />
        <source>Serial port</source>
        <translation>Serial port</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="37" />
        <source>Network (port 9100)</source>
        <translation>Network (port 9100)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="37" />
        <source>Windows printer</source>
        <translation>Windows printer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="38" />
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="42" />
        <source>path, host:port, COM3, or vendor:product id</source>
        <translation>path, host:port, COM3, or vendor:product id</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="47" />
        <source>Printer prints QR codes itself</source>
        <translation>Printer prints QR codes itself</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="49" />
        <location filename="../../pos_app/ui/settings.py" line="60" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="49" />
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="50" />
        <source>Paper width</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="50" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="53" />
        <source>Keyboard wedge (USB)</source>
        <translation>Keyboard wedge (USB)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="60" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="61" />
        <source>Baud rate</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="61" />
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="64" />
        <source>Headquarters address</source>
        <translation>Headquarters address</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="64" />
        <source>Headquarters</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="69" />
        <source>Language (after restart)</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="69" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/settings.py" line="72" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ShareRing</name>
    <message>
        <location filename="../../pos_app/ui/widgets.py" line="113" />
        <source>No sales yet</source>
        <translation>No sales yet</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="23" />
        <source>Close shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="31" />
        <source>X report (shift so far)</source>
        <translation>X report (shift so far)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="36" />
        <source>Counted cash in the drawer, yuan</source>
        <translation>Counted cash in the drawer, yuan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="37" />
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="43" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="45" />
        <source>Close shift and print Z report</source>
        <translation>Close shift and print Z report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/reports.py" line="56" />
        <source>Type the counted cash first</source>
        <translation>Type the counted cash first</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="27" />
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="28" />
        <source>Stored value</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="29" />
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="30" />
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/payment.py" line="31" />
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
</context>
<context>
    <name>TillScreen</name>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="26" />
        <source>Scan a barcode or member code, or type it and press Enter</source>
        <translation>Scan a barcode or member code, or type it and press Enter</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="28" />
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="69" />
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="69" />
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="70" />
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="70" />
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="71" />
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="71" />
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="72" />
        <source>Void line</source>
        <translation>Void line</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="72" />
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="73" />
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="73" />
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="74" />
        <source>Gift</source>
        <translation>Gift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="74" />
        <source>Pay</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="75" />
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="75" />
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="76" />
        <source>Void sale</source>
        <translation>Void sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="76" />
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="77" />
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="77" />
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="78" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/till_screen.py" line="78" />
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="45" />
        <source>MemberTill — %1</source>
        <translation>MemberTill — %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>cashier</source>
        <translation>cashier</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="49" />
        <location filename="../../pos_app/ui/main_window.py" line="121" />
        <source>manager</source>
        <translation>manager</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="50" />
        <source>Demo store PINs: %1</source>
        <translation>Demo store PINs: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="102" />
        <source>Offline mode (no headquarters configured)</source>
        <translation>Offline mode (no headquarters configured)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="105" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="105" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="106" />
        <source>%1 · %2 events waiting</source>
        <translation>%1 · %2 events waiting</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="122" />
        <source>Cashier: %1 (%2)</source>
        <translation>Cashier: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="127" />
        <source>Open shift</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="127" />
        <source>Opening float in the drawer (yuan)</source>
        <translation>Opening float in the drawer (yuan)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="178" />
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="203" />
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="207" />
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="207" />
        <source>Scan or type the coupon code</source>
        <translation>Scan or type the coupon code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="222" />
        <source>No suspended sales</source>
        <translation>No suspended sales</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="224" />
        <source>%1 (%2 items)</source>
        <translation>%1 (%2 items)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225" />
        <source>Resume a sale</source>
        <translation>Resume a sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225" />
        <source>Suspended sales</source>
        <translation>Suspended sales</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="250" />
        <source>void a line after subtotal</source>
        <translation>void a line after subtotal</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="259" />
        <source>Void sale</source>
        <translation>Void sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="259" />
        <source>Throw away the whole sale?</source>
        <translation>Throw away the whole sale?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="263" />
        <source>void the sale after subtotal</source>
        <translation>void the sale after subtotal</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="273" />
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="273" />
        <source>New quantity</source>
        <translation>New quantity</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="280" />
        <location filename="../../pos_app/ui/main_window.py" line="290" />
        <location filename="../../pos_app/ui/main_window.py" line="302" />
        <source>Attach a member first</source>
        <translation>Attach a member first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="282" />
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="282" />
        <source>Points to use (100 points = 1 yuan)</source>
        <translation>Points to use (100 points = 1 yuan)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="313" />
        <source>The sale is empty</source>
        <translation>The sale is empty</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="347" />
        <location filename="../../pos_app/ui/main_window.py" line="351" />
        <source>Sale %1 complete. Change: %2</source>
        <translation>Sale %1 complete. Change: %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="364" />
        <source>open the drawer without a sale</source>
        <translation>open the drawer without a sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="383" />
        <source>Refunded %1</source>
        <translation>Refunded %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="391" />
        <source>refund %1</source>
        <translation>refund %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <location filename="../../pos_app/ui/main_window.py" line="430" />
        <source>Cash in</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <location filename="../../pos_app/ui/main_window.py" line="430" />
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="407" />
        <source>X report / close shift</source>
        <translation>X report / close shift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="408" />
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="408" />
        <source>What do you want to do?</source>
        <translation>What do you want to do?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="415" />
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="419" />
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="424" />
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="424" />
        <source>Gross</source>
        <translation>Gross</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="425" />
        <source>Discounts</source>
        <translation>Discounts</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="425" />
        <source>Points offset</source>
        <translation>Points offset</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="426" />
        <source>Net sales</source>
        <translation>Net sales</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="427" />
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="428" />
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="431" />
        <source>Opening float</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="431" />
        <source>Expected cash</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="432" />
        <source>Points issued</source>
        <translation>Points issued</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="432" />
        <source>Points redeemed</source>
        <translation>Points redeemed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="433" />
        <source>Stored value spent</source>
        <translation>Stored value spent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="434" />
        <source>Stored value bonus issued</source>
        <translation>Stored value bonus issued</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="435" />
        <source>Cashier %1</source>
        <translation>Cashier %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="437" />
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="438" />
        <source>Over / short</source>
        <translation>Over / short</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="446" />
        <source>Shift closed</source>
        <translation>Shift closed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="451" />
        <source>see the dashboard</source>
        <translation>see the dashboard</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="253" />
        <source>Top up stored value</source>
        <translation>Top up stored value</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="261" />
        <source>Other amount</source>
        <translation>Other amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="264" />
        <source>Amount in yuan</source>
        <translation>Amount in yuan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="267" />
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="267" />
        <source>WeChat Pay</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="268" />
        <source>Alipay</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="268" />
        <source>Bank card</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="271" />
        <source>Payment reference (not for cash)</source>
        <translation>Payment reference (not for cash)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="273" />
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="274" />
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="275" />
        <source>Paid by</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="276" />
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="278" />
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs.py" line="287" />
        <source>Type the amount to top up</source>
        <translation>Type the amount to top up</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="86" />
        <location filename="../../pos_app/ui/panels.py" line="89" />
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="93" />
        <source>Points offset (%1 points)</source>
        <translation>Points offset (%1 points)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="96" />
        <source>Rounding</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="98" />
        <source>Points to earn</source>
        <translation>Points to earn</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/panels.py" line="101" />
        <source>Payable</source>
        <translation>Payable</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="15" />
        <source>Unknown barcode %1</source>
        <translation>Unknown barcode %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="16" />
        <source>Barcode %1 has a wrong check digit: scan it again</source>
        <translation>Barcode %1 has a wrong check digit: scan it again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="17" />
        <source>Not a product barcode: %1</source>
        <translation>Not a product barcode: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="18" />
        <source>Unknown scale item %1</source>
        <translation>Unknown scale item %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="19" />
        <source>Quantity must be a whole number from 1 to %1</source>
        <translation>Quantity must be a whole number from 1 to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="20" />
        <source>At most %1 of one item</source>
        <translation>At most %1 of one item</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="21" />
        <source>Unknown coupon %1</source>
        <translation>Unknown coupon %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="22" />
        <source>Spend %1 to save %2; %3 more needed</source>
        <translation>Spend %1 to save %2; %3 more needed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="23" />
        <source>Minimum spend %1 on eligible items; %2 more needed</source>
        <translation>Minimum spend %1 on eligible items; %2 more needed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="24" />
        <source>Payments %1 do not match the amount due %2</source>
        <translation>Payments %1 do not match the amount due %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="25" />
        <source>%1 needs %2 points; the member has %3</source>
        <translation>%1 needs %2 points; the member has %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="26" />
        <source>Too many wrong PINs: PIN entry is locked until %1</source>
        <translation>Too many wrong PINs: PIN entry is locked until %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="27" />
        <source>%1 may not approve this</source>
        <translation>%1 may not approve this</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="28" />
        <source>No sale with receipt number %1</source>
        <translation>No sale with receipt number %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="29" />
        <source>Line %1 has already been fully returned</source>
        <translation>Line %1 has already been fully returned</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="30" />
        <source>Line %1: only %2 left to return</source>
        <translation>Line %1: only %2 left to return</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="31" />
        <source>Coupon %1 has already been used</source>
        <translation>Coupon %1 has already been used</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="32" />
        <source>The member has only %1 points</source>
        <translation>The member has only %1 points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="33" />
        <source>Points may pay at most %1% of the payable</source>
        <translation>Points may pay at most %1% of the payable</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="34" />
        <source>Stored value balance is only %1 fen</source>
        <translation>Stored value balance is only %1 fen</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="36" />
        <source>Points spent here today would pass the limit of %1 until headquarters confirms the balance</source>
        <translation>Points spent here today would pass the limit of %1 until headquarters confirms the balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="44" />
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="44" />
        <source>A PIN is 4 to 8 digits</source>
        <translation>A PIN is 4 to 8 digits</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="45" />
        <source>Manager approval is needed</source>
        <translation>Manager approval is needed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="45" />
        <source>No member found</source>
        <translation>No member found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="46" />
        <source>No such product</source>
        <translation>No such product</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="46" />
        <source>Weigh this item and scan its label</source>
        <translation>Weigh this item and scan its label</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="47" />
        <source>That line is not in the sale</source>
        <translation>That line is not in the sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="48" />
        <source>A weighed item's quantity comes from its label</source>
        <translation>A weighed item's quantity comes from its label</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="49" />
        <source>This coupon has already been used</source>
        <translation>This coupon has already been used</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="50" />
        <source>This coupon belongs to another member: attach that member first</source>
        <translation>This coupon belongs to another member: attach that member first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="51" />
        <source>This coupon is already applied</source>
        <translation>This coupon is already applied</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="52" />
        <source>That coupon is not applied</source>
        <translation>That coupon is not applied</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="53" />
        <source>Points must be a whole number</source>
        <translation>Points must be a whole number</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="54" />
        <source>Attach a member to use points</source>
        <translation>Attach a member to use points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="54" />
        <source>The sale is empty</source>
        <translation>The sale is empty</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="55" />
        <source>Finish or suspend the current sale first</source>
        <translation>Finish or suspend the current sale first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="56" />
        <source>That suspended sale is gone</source>
        <translation>That suspended sale is gone</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="56" />
        <source>Open a shift first</source>
        <translation>Open a shift first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="57" />
        <source>A shift is already open</source>
        <translation>A shift is already open</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="57" />
        <source>Unknown payment type</source>
        <translation>Unknown payment type</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="58" />
        <source>Every payment must be a positive amount</source>
        <translation>Every payment must be a positive amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="59" />
        <source>The cash handed over is less than the cash payment</source>
        <translation>The cash handed over is less than the cash payment</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="60" />
        <source>Attach a member to pay with stored value</source>
        <translation>Attach a member to pay with stored value</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="61" />
        <source>Scan or type the payment reference first</source>
        <translation>Scan or type the payment reference first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="62" />
        <source>The member no longer has enough points</source>
        <translation>The member no longer has enough points</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="63" />
        <source>This coupon is not valid at this time</source>
        <translation>This coupon is not valid at this time</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="64" />
        <source>No item in the cart is covered by this coupon</source>
        <translation>No item in the cart is covered by this coupon</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="65" />
        <source>The free item of this coupon is not in the cart</source>
        <translation>The free item of this coupon is not in the cart</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="66" />
        <source>Nothing left for this coupon to take off</source>
        <translation>Nothing left for this coupon to take off</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="67" />
        <source>Another coupon that cannot be combined is already applied</source>
        <translation>Another coupon that cannot be combined is already applied</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="68" />
        <source>This coupon cannot be combined with other coupons</source>
        <translation>This coupon cannot be combined with other coupons</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="69" />
        <source>Points can only be used with a member attached</source>
        <translation>Points can only be used with a member attached</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="70" />
        <source>A mainland mobile number has 11 digits and starts with 1</source>
        <translation>A mainland mobile number has 11 digits and starts with 1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="71" />
        <source>The member must agree to the terms first</source>
        <translation>The member must agree to the terms first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="72" />
        <source>This phone number is already a member</source>
        <translation>This phone number is already a member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="73" />
        <source>The name is too long</source>
        <translation>The name is too long</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="73" />
        <source>That birthday is not possible</source>
        <translation>That birthday is not possible</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="74" />
        <source>Type a phone number, its last 4 digits, or a card number</source>
        <translation>Type a phone number, its last 4 digits, or a card number</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="75" />
        <source>No such member</source>
        <translation>No such member</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="75" />
        <source>No such member or gift</source>
        <translation>No such member or gift</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="76" />
        <source>Choose at least one line to return</source>
        <translation>Choose at least one line to return</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="77" />
        <source>Quantity to return must be a positive whole number</source>
        <translation>Quantity to return must be a positive whole number</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="78" />
        <source>This return would give back more than was paid</source>
        <translation>This return would give back more than was paid</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="79" />
        <source>Type the counted cash</source>
        <translation>Type the counted cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="80" />
        <source>The opening float is between 0 and 10000.00 yuan</source>
        <translation>The opening float is between 0 and 10000.00 yuan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="81" />
        <source>The amount is between 0.01 and 10000.00 yuan</source>
        <translation>The amount is between 0.01 and 10000.00 yuan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="82" />
        <source>Top up with cash, WeChat Pay, Alipay or a bank card</source>
        <translation>Top up with cash, WeChat Pay, Alipay or a bank card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="83" />
        <source>A top-up is between 0.01 and 10000.00 yuan</source>
        <translation>A top-up is between 0.01 and 10000.00 yuan</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="84" />
        <source>Stored value spent here today would pass the offline limit until headquarters confirms the balance</source>
        <translation>Stored value spent here today would pass the offline limit until headquarters confirms the balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="85" />
        <source>Unknown cash movement</source>
        <translation>Unknown cash movement</translation>
    </message>
</context>
</TS>