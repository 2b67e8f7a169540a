<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminLoginPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="169"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="170"/>
        <source>Enter your admin or team leader PIN.</source>
        <translation>请输入管理员或组长的管理密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="172"/>
        <source>After 5 wrong PINs the keypad locks, for longer after each further one.</source>
        <translation>连续输错 5 次后键盘锁定，之后每错一次锁定时间更长。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="174"/>
        <source>Enter admin PIN</source>
        <translation>请输入管理员密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="325"/>
        <source>Not enrolled with a hub</source>
        <translation>尚未注册到中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="334"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="335"/>
        <source>Waiting: %1 · refused by the hub: %2</source>
        <translation>待同步：%1 条 · 中心拒收：%2 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="341"/>
        <source>Clock differs from the hub by %1 s</source>
        <translation>本机时钟与中心相差 %1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="346"/>
        <source>This kiosk was revoked by the hub; its records are kept.</source>
        <translation>本终端已被中心停用，本地记录全部保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="348"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="359"/>
        <source>Closed by the sweep</source>
        <translation>超时自动结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="363"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="244"/>
        <source>station admin</source>
        <translation>站点管理员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="246"/>
        <source>team leader</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="249"/>
        <source>Logged in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="252"/>
        <source>Logged in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="364"/>
        <source>Volunteer hours this month</source>
        <translation>本月志愿服务时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="367"/>
        <location filename="../../kiosk/ui/pages/admin.py" line="379"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="368"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="369"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="370"/>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="371"/>
        <source>Flagged</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="374"/>
        <source>Shifts flagged for review</source>
        <translation>待核查的班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="375"/>
        <source>Hours this month</source>
        <translation>本月时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="376"/>
        <source>Flagged shifts</source>
        <translation>待核查班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="377"/>
        <source>Phones charging</source>
        <translation>正在充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="379"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="379"/>
        <source>Checked out</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="379"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="381"/>
        <source>Close stale shifts</source>
        <translation>结束超时班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="382"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="383"/>
        <source>Review logs</source>
        <translation>查看日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="385"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="386"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="387"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="388"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="389"/>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="390"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="391"/>
        <source>Tap a shift, then approve it or correct its time.</source>
        <translation>点选一个班次，然后审核通过或更正时长。</translation>
    </message>
</context>
<context>
    <name>AmendShiftPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_amend.py" line="106"/>
        <source>Correct a shift</source>
        <translation>更正班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_amend.py" line="111"/>
        <source>%1, checked in %2, credited %3. Enter the minutes to credit instead.</source>
        <translation>%1，签到于 %2，计入 %3。请输入应计入的分钟数。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_amend.py" line="118"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_amend.py" line="123"/>
        <source>Minutes</source>
        <translation>分钟数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_amend.py" line="124"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>BadgePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_badge.py" line="67"/>
        <source>Badge for %1</source>
        <translation>%1 的工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_badge.py" line="68"/>
        <source>Saved for printing: %1</source>
        <translation>已保存，可打印：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_badge.py" line="69"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../../kiosk/ui/camera.py" line="92"/>
        <source>Hold your badge in front of the camera</source>
        <translation>请将工牌二维码对准摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera.py" line="93"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ChargingCodePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging_ticket.py" line="189"/>
        <source>Your pickup code</source>
        <translation>您的取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_ticket.py" line="190"/>
        <source>I have the code</source>
        <translation>我已记下取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_ticket.py" line="191"/>
        <source>Take a photo of this code</source>
        <translation>请拍下此二维码</translation>
    </message>
</context>
<context>
    <name>ChargingConfirmPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging_ticket.py" line="104"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_ticket.py" line="105"/>
        <source>Choose another</source>
        <translation>换一个</translation>
    </message>
</context>
<context>
    <name>ChargingPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="136"/>
        <source>Phone charging: choose a free slot</source>
        <translation>手机充电：请选择空闲充电位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="138"/>
        <source>Collect your phone: tap your slot</source>
        <translation>取手机：请点您的充电位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="151"/>
        <source>Collect phone</source>
        <translation>取手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="152"/>
        <source>Start charging</source>
        <translation>开始充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="155"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="157"/>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="158"/>
        <source>Charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging.py" line="159"/>
        <source>Locked: ask a volunteer</source>
        <translation>已锁定，请找志愿者</translation>
    </message>
</context>
<context>
    <name>ChargingSessionsPanel</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="120"/>
        <source>No phone is charging.</source>
        <translation>目前没有手机在充电。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="122"/>
        <source>and %1 more</source>
        <translation>还有 %1 部</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="129"/>
        <source>Why close %1?</source>
        <translation>为什么结束%1？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="133"/>
        <source>Phones charging</source>
        <translation>正在充电的手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="135"/>
        <source>Close…</source>
        <translation>结束…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="137"/>
        <source>Code forgotten, owner checked</source>
        <translation>忘记取件码（已核实）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="138"/>
        <source>To lost and found</source>
        <translation>转失物招领</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="139"/>
        <source>Slot fault</source>
        <translation>充电位故障</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_admin.py" line="140"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/checkin.py" line="111"/>
        <source>Hold the QR code on your badge under the scanner.</source>
        <translation>将工牌上的二维码对准扫码器即可。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/checkin.py" line="112"/>
        <source>Use phone + PIN</source>
        <translation>使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/checkin.py" line="113"/>
        <source>Scan with the camera</source>
        <translation>用摄像头扫码</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="283"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="283"/>
        <source>Nobody is on duty right now.</source>
        <translation>目前暂无志愿者在岗。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="284"/>
        <source>since {time}</source>
        <translation>{time} 起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="284"/>
        <source>and {count} more</source>
        <translation>另有 {count} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="291"/>
        <source>{count} served today</source>
        <translation>今日已服务 {count} 人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="297"/>
        <source>⚠ %1 phone(s) overdue at charging</source>
        <translation>⚠ %1 部手机充电超时未取</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="308"/>
        <source>How can we help?</source>
        <translation>我们能为您做什么？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="309"/>
        <source>Tap a service to see where and when</source>
        <translation>点击服务，查看地点和时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="312"/>
        <location filename="../../kiosk/ui/pages/home.py" line="314"/>
        <source>Volunteer check-in / out</source>
        <translation>志愿者签到 / 签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="313"/>
        <source>Scan your badge, or use phone + PIN</source>
        <translation>扫描工牌，或使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="315"/>
        <source>Volunteers on duty</source>
        <translation>在岗志愿者</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="109"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="110"/>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="111"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="112"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>KeypadPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="103"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="289"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="290"/>
        <source>Every service</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="291"/>
        <location filename="../../kiosk/ui/pages/logs.py" line="292"/>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="298"/>
        <source>Every kiosk</source>
        <translation>全部终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="353"/>
        <source>%1 rows</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="356"/>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="416"/>
        <source>Log review</source>
        <translation>日志查看</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="417"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="419"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="420"/>
        <source>Service uses</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="421"/>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="422"/>
        <source>Sync rejects</source>
        <translation>同步拒收</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="427"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="428"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="429"/>
        <source>7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="430"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="431"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="432"/>
        <source>Dates…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="436"/>
        <source>Volunteer name or number</source>
        <translation>志愿者姓名或编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="437"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="438"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="439"/>
        <source>Show these dates</source>
        <translation>显示这些日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="440"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="441"/>
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="442"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="443"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/logs.py" line="444"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>PhoneEntryPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_entry.py" line="42"/>
        <source>The volunteer&apos;s phone number</source>
        <translation>志愿者的手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_entry.py" line="43"/>
        <source>They will sign in with it and their PIN.</source>
        <translation>志愿者用手机号和密码签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_entry.py" line="44"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="129"/>
        <source>Your phone number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="130"/>
        <source>The number you registered as a volunteer.</source>
        <translation>您登记志愿者时使用的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="131"/>
        <source>Then you will be asked for your PIN.</source>
        <translation>下一步输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="132"/>
        <source>Enter phone number</source>
        <translation>手机号</translation>
    </message>
</context>
<context>
    <name>PickupCodePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="31"/>
        <source>Enter your pickup code</source>
        <translation>请输入取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="34"/>
        <source>6 digits, shown when you started charging.</source>
        <translation>6 位数字，开始充电时显示在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="35"/>
        <source>6-digit code</source>
        <translation>6 位取件码</translation>
    </message>
</context>
<context>
    <name>PinEntryPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_entry.py" line="30"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="149"/>
        <source>Your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="150"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="151"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="152"/>
        <source>Enter PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/result.py" line="147"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/result.py" line="148"/>
        <source>Cancel check-in</source>
        <translation>取消签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/result.py" line="149"/>
        <source>Check out anyway</source>
        <translation>仍要签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/result.py" line="150"/>
        <source>Stay on duty</source>
        <translation>保持签到</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/pages/result.py" line="161"/>
        <source>Back to the home screen in %n s</source>
        <translation>
            <numerusform>%n 秒后返回首页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="295"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="296"/>
        <source>Hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="297"/>
        <source>Back to all services</source>
        <translation>返回全部服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="298"/>
        <source>Scan with your phone</source>
        <translation>用手机扫码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="300"/>
        <source>Who did we serve? One tap counts</source>
        <translation>服务了谁？点一下即计数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="301"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="302"/>
        <source>Used it</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="304"/>
        <source>Traveller</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="305"/>
        <source>Delivery rider</source>
        <translation>外卖骑手</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="306"/>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="307"/>
        <source>Sanitation worker</source>
        <translation>环卫工人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="308"/>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="309"/>
        <source>Elderly</source>
        <translation>老人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="310"/>
        <source>Disabled</source>
        <translation>残障人士</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/service_detail.py" line="311"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>SetAdminPinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="199"/>
        <source>Set the admin PIN</source>
        <translation>设置管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="201"/>
        <source>This kiosk has no admin PIN yet. Choose 6 to 8 digits.</source>
        <translation>本终端尚未设置管理员密码，请设置 6 至 8 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="202"/>
        <source>New admin PIN</source>
        <translation>新管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="204"/>
        <source>Enter the same PIN again to confirm.</source>
        <translation>请再次输入相同的密码以确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="205"/>
        <source>Repeat the PIN</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="207"/>
        <source>Keep it safe: it opens the admin screen and closes the kiosk.</source>
        <translation>请妥善保管：它可进入管理界面并关闭终端。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="145"/>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="145"/>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="148"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="149"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="152"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="154"/>
        <source>Station name (English)</source>
        <translation>站点英文名称</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="155"/>
        <source>Back to home after</source>
        <translation>无操作返回首页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="156"/>
        <source>Admin screens log out after</source>
        <translation>管理界面无操作退出</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="157"/>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="158"/>
        <source>Large type</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="159"/>
        <source>Hub address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="164"/>
        <source>%1 (now %2)</source>
        <translation>%1（当前 %2）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="170"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="172"/>
        <source>Enrolled with %1</source>
        <translation>已注册到 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="174"/>
        <source>Not enrolled with a hub</source>
        <translation>未注册到服务器</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="175"/>
        <source>Enrol with a code…</source>
        <translation>用注册码注册…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_settings.py" line="176"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="101"/>
        <source>On duty: …</source>
        <translation>在岗：…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="103"/>
        <source>%n on duty</source>
        <translation>
            <numerusform>在岗 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="85"/>
        <source>Not connected to the hub</source>
        <translation>未连接中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="87"/>
        <source>Revoked by the hub: records kept here</source>
        <translation>已被中心停用，记录保留在本机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="90"/>
        <source>Synced at %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="91"/>
        <source>Hub unreachable: will retry</source>
        <translation>中心连接不上，稍后自动重试</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="113"/>
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>待同步 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextEntryPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_text_entry.py" line="119"/>
        <source>ABC</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_text_entry.py" line="120"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_text_entry.py" line="121"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_text_entry.py" line="122"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="140"/>
        <source>Station Kiosk · self-service</source>
        <translation>驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="143"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="144"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="60"/>
        <source>Slot locked: volunteer unlock</source>
        <translation>充电位已锁定：志愿者解锁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="64"/>
        <source>Too many wrong codes on %1. A volunteer on duty enters their PIN.</source>
        <translation>%1取件码错误次数过多。请值班志愿者输入密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="67"/>
        <source>The admin PIN works too.</source>
        <translation>也可以使用管理员密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/charging_entry.py" line="68"/>
        <source>Volunteer PIN</source>
        <translation>志愿者密码</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="140"/>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="140"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="142"/>
        <source>team leader</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="155"/>
        <source>Remove team leader</source>
        <translation>取消组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="167"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="169"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="169"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="169"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="169"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="171"/>
        <source>Add a volunteer</source>
        <translation>添加志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="172"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="173"/>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="174"/>
        <source>Print badge</source>
        <translation>打印工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="155"/>
        <source>Make team leader</source>
        <translation>设为组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="175"/>
        <source>Tap a volunteer in the list, then an action.</source>
        <translation>在列表中点选一位志愿者，再选择操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin_volunteers.py" line="176"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
</TS>
