<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminLoginPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="167"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="168"/>
        <source>Enter the admin PIN to open the admin screen.</source>
        <translation>输入管理员密码，进入管理界面。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="169"/>
        <source>5 wrong PINs lock the admin screen for 5 minutes.</source>
        <translation>连续输错 5 次，管理界面将锁定 5 分钟。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="170"/>
        <source>Enter admin PIN</source>
        <translation>请输入管理员密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="229"/>
        <source>Not enrolled with a hub</source>
        <translation>尚未注册到中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="238"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="239"/>
        <source>Waiting: %1 · refused by the hub: %2</source>
        <translation>待同步：%1 条 · 中心拒收：%2 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="245"/>
        <source>Clock differs from the hub by %1 s</source>
        <translation>本机时钟与中心相差 %1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="250"/>
        <source>This kiosk was revoked by the hub; its records are kept.</source>
        <translation>本终端已被中心停用，本地记录全部保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="252"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="262"/>
        <source>Closed by the sweep</source>
        <translation>超时自动结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="266"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="267"/>
        <source>Volunteer hours this month</source>
        <translation>本月志愿服务时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="270"/>
        <location filename="../../kiosk/ui/pages/admin.py" line="284"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="271"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="272"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="273"/>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="274"/>
        <source>Flagged</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="277"/>
        <source>Shifts flagged for review</source>
        <translation>待核查的班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="278"/>
        <source>Hours this month</source>
        <translation>本月时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="279"/>
        <source>Flagged shifts</source>
        <translation>待核查班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="280"/>
        <source>Phones charging</source>
        <translation>正在充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="281"/>
        <source>Requests and wishes</source>
        <translation>求助和心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="284"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="284"/>
        <source>Checked out</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="284"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="286"/>
        <source>Close stale shifts</source>
        <translation>结束超时班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="287"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="288"/>
        <source>Review logs</source>
        <translation>查看日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="290"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="291"/>
        <source>Back to home</source>
        <translation>返回首页</translation>
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
    <name>ChoicePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="146"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="147"/>
        <source>Check my ticket</source>
        <translation>查询我的单号</translation>
    </message>
</context>
<context>
    <name>CompletionNotePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="278"/>
        <source>How did it end?</source>
        <translation>处理结果如何？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="280"/>
        <source>%1, pick one: it is kept with the request.</source>
        <translation>%1，请选择一项，将随服务单保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="285"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ContactPhonePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="69"/>
        <source>Your phone number</source>
        <translation>您的手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="70"/>
        <source>Optional: so a volunteer can call you.</source>
        <translation>选填：方便志愿者联系您。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="71"/>
        <source>Only volunteers see it, and only masked on screen.</source>
        <translation>仅志愿者可见，屏幕上只显示部分号码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="72"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>DepartureTimePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="52"/>
        <source>When does your train leave?</source>
        <translation>您的列车几点开？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="53"/>
        <source>Four digits, hours then minutes: 1430 for 14:30.</source>
        <translation>输入 4 位数字，先时后分：14:30 输入 1430。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="54"/>
        <source>Optional. A train leaving soon is served first.</source>
        <translation>选填。即将发车的旅客优先服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="55"/>
        <source>HHMM</source>
        <translation>时时分分</translation>
    </message>
</context>
<context>
    <name>HelpDeskPanel</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="136"/>
        <source>answered in %1 min</source>
        <translation>%1 分钟内接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="138"/>
        <source>waiting %1 min</source>
        <translation>已等待 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="155"/>
        <source>Withdraw</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="172"/>
        <source>Status / answer</source>
        <translation>状态 / 答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="177"/>
        <source>Open help requests</source>
        <translation>未完成的求助单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="180"/>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="192"/>
        <source>Ticket</source>
        <translation>单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="181"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="182"/>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="194"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="183"/>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="184"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="185"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="189"/>
        <source>Open needs and wishes</source>
        <translation>未办结的诉求和心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="193"/>
        <source>About</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="195"/>
        <source>Sent</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_admin.py" line="196"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>HelperPhonePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="102"/>
        <source>Volunteer on duty: who are you?</source>
        <translation>在岗志愿者：请确认身份</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="103"/>
        <source>Scan your badge now, or type your phone number.</source>
        <translation>请现在扫描工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="105"/>
        <source>Only volunteers who checked in can accept or finish a request.</source>
        <translation>只有已签到的志愿者可以接单或完成服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="107"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>HelperPinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="121"/>
        <source>Your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="122"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="123"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="124"/>
        <source>Enter PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="295"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="295"/>
        <source>Nobody is on duty right now.</source>
        <translation>目前暂无志愿者在岗。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="296"/>
        <source>since {time}</source>
        <translation>{time} 起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="296"/>
        <source>and {count} more</source>
        <translation>另有 {count} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="303"/>
        <source>{count} served today</source>
        <translation>今日已服务 {count} 人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="309"/>
        <source>⚠ %1 phone(s) overdue at charging</source>
        <translation>⚠ %1 部手机充电超时未取</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="315"/>
        <source>Help requests: %1</source>
        <translation>求助单：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="317"/>
        <source>%1 urgent</source>
        <translation>%1 单紧急</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="336"/>
        <source>How can we help?</source>
        <translation>我们能为您做什么？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="337"/>
        <source>Tap a service to see where and when</source>
        <translation>点击服务，查看地点和时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="340"/>
        <location filename="../../kiosk/ui/pages/home.py" line="342"/>
        <source>Volunteer check-in / out</source>
        <translation>志愿者签到 / 签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="341"/>
        <source>Scan your badge, or use phone + PIN</source>
        <translation>扫描工牌，或使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="343"/>
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
        <location filename="../../kiosk/ui/pages/entry.py" line="101"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>LatinKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/widgets/latin_keyboard.py" line="102"/>
        <source>Shift</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/latin_keyboard.py" line="103"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/latin_keyboard.py" line="104"/>
        <source>Delete</source>
        <translation>删除</translation>
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
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="127"/>
        <source>Your phone number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="128"/>
        <source>The number you registered as a volunteer.</source>
        <translation>您登记志愿者时使用的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="129"/>
        <source>Then you will be asked for your PIN.</source>
        <translation>下一步输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="130"/>
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
    <name>PinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="147"/>
        <source>Your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="148"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="149"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="150"/>
        <source>Enter PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="369"/>
        <source>Not now</source>
        <translation>暂不评价</translation>
    </message>
</context>
<context>
    <name>RequestCategoryPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="161"/>
        <source>Ask a volunteer for help</source>
        <translation>请志愿者帮忙</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="162"/>
        <source>What do you need? A volunteer on duty will come to you.</source>
        <translation>您需要什么帮助？在岗志愿者会来找您。</translation>
    </message>
</context>
<context>
    <name>RequestDetailsPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="261"/>
        <source>All optional: a volunteer finds you sooner with your train and phone.</source>
        <translation>以下均为选填：留下车次和电话，志愿者能更快找到您。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="264"/>
        <source>Train number</source>
        <translation>车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="265"/>
        <source>Departure time</source>
        <translation>发车时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="266"/>
        <source>Phone (shown masked)</source>
        <translation>手机号（隐藏显示）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="268"/>
        <source>tap to add (optional)</source>
        <translation>点此填写（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="272"/>
        <source>Send request</source>
        <translation>发出求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_order.py" line="273"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>RequestQueuePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="208"/>
        <source>Help requests</source>
        <translation>求助单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="210"/>
        <source>Open requests of the whole station. Urgent ones first, highlighted.</source>
        <translation>全站未完成的求助单，紧急的排在前面并突出显示。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="212"/>
        <source>No open requests. Thank you!</source>
        <translation>目前没有待处理的求助单，谢谢！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="214"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="217"/>
        <source>ordered %1 (%2 min ago)</source>
        <translation>%1 下单（%2 分钟前）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="218"/>
        <source>train %1 leaves %2</source>
        <translation>车次 %1，%2 发车</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="219"/>
        <source>from a phone</source>
        <translation>来自手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="220"/>
        <source>Accepted by %1</source>
        <translation>%1 已接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="221"/>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_queue.py" line="222"/>
        <source>Done</source>
        <translation>完成</translation>
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
        <location filename="../../kiosk/ui/pages/entry.py" line="195"/>
        <source>Set the admin PIN</source>
        <translation>设置管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="197"/>
        <source>This kiosk has no admin PIN yet. Choose 6 to 8 digits.</source>
        <translation>本终端尚未设置管理员密码，请设置 6 至 8 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="198"/>
        <source>New admin PIN</source>
        <translation>新管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="200"/>
        <source>Enter the same PIN again to confirm.</source>
        <translation>请再次输入相同的密码以确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="201"/>
        <source>Repeat the PIN</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/entry.py" line="203"/>
        <source>Keep it safe: it opens the admin screen and closes the kiosk.</source>
        <translation>请妥善保管：它可进入管理界面并关闭终端。</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="96"/>
        <source>On duty: …</source>
        <translation>在岗：…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="98"/>
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
        <location filename="../../kiosk/ui/widgets/statusbar.py" line="108"/>
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>待同步 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketLookupPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="84"/>
        <source>Check my ticket</source>
        <translation>查询我的单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="85"/>
        <source>Type your 6-digit ticket number, or scan its QR code.</source>
        <translation>请输入 6 位单号，或扫描单号二维码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="86"/>
        <source>For help requests and for needs and wishes.</source>
        <translation>求助单和诉求心愿都可查询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="87"/>
        <source>6-digit ticket</source>
        <translation>6 位单号</translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="119"/>
        <source>Your ticket number</source>
        <translation>您的单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="120"/>
        <source>I have the number</source>
        <translation>我已记下单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="148"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
</context>
<context>
    <name>TicketStatusPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="260"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="261"/>
        <source>Our answer</source>
        <translation>我们的答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="263"/>
        <source>How was the help? Tap a face once you have been helped.</source>
        <translation>帮助怎么样？得到帮助后请点一个表情。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="291"/>
        <source>Ticket {ticket} · ordered {at}</source>
        <translation>单号 {ticket} · {at} 下单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_ticket.py" line="297"/>
        <source>Ticket {ticket} · sent {at}</source>
        <translation>单号 {ticket} · {at} 提交</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="135"/>
        <source>Station Kiosk · self-service</source>
        <translation>驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="138"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="139"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
<context>
    <name>TrainNumberPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="37"/>
        <source>Your train number</source>
        <translation>您的车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="38"/>
        <source>Letter first if it has one, e.g. G1234 or K56.</source>
        <translation>有字母的先按字母，如 G1234、K56。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="39"/>
        <source>Optional. Back leaves it out.</source>
        <translation>选填。按返回即不填。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/request_entry.py" line="40"/>
        <source>e.g. G1234</source>
        <translation>如 G1234</translation>
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
    <name>WishAnswerPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="202"/>
        <source>Mark in progress</source>
        <translation>标记为办理中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="203"/>
        <source>Send typed answer</source>
        <translation>发送输入的答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="204"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="206"/>
        <source>Or type a short answer</source>
        <translation>或输入简短答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="214"/>
        <source>(no text)</source>
        <translation>（无文字）</translation>
    </message>
</context>
<context>
    <name>WishCategoryPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="30"/>
        <source>Needs and wishes</source>
        <translation>诉求和微心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="32"/>
        <source>Tell the station what you need or wish for. Anonymous unless you add a phone.</source>
        <translation>告诉驿站您的需要或心愿。不留电话即为匿名。</translation>
    </message>
</context>
<context>
    <name>WishTextPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="104"/>
        <source>Optional: a few words in English or pinyin, then Send. Anonymous by default.</source>
        <translation>选填：用英文或拼音写几句，然后按发送。默认匿名。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="107"/>
        <source>Type here (optional)</source>
        <translation>在此输入（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="109"/>
        <source>Phone: %1</source>
        <translation>手机号：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="111"/>
        <source>Add a phone (optional)</source>
        <translation>留下手机号（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="113"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/wish.py" line="114"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
</TS>
