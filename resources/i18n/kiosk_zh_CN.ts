<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesFlow</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/flow.py" line="86"/>
        <source>Activities…</source>
        <translation>活动签到…</translation>
    </message>
</context>
<context>
    <name>ActivityFormPage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="152"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="159"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="160"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="161"/>
        <source>Day (YYYY-MM-DD)</source>
        <translation>日期（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="162"/>
        <source>Starts (HH:MM)</source>
        <translation>开始（时:分）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="163"/>
        <source>Ends (HH:MM)</source>
        <translation>结束（时:分）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="164"/>
        <source>Invited: volunteer numbers (empty: everyone)</source>
        <translation>邀请：志愿者编号（留空：全体）</translation>
    </message>
</context>
<context>
    <name>ActivityListPage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="114"/>
        <source>Activities and meetings</source>
        <translation>活动与会议</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="115"/>
        <source>No activity today or coming up. Tap New to create one.</source>
        <translation>今天及近期暂无活动。点“新建活动”创建。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="126"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="127"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="263"/>
        <source>Signed in: %1</source>
        <translation>已签到：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="265"/>
        <source>Nobody has signed in yet.</source>
        <translation>还没有人签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="268"/>
        <source>Not signed in: %1</source>
        <translation>未签到：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="274"/>
        <source>Open sign-in</source>
        <translation>开始签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="275"/>
        <source>Credit hours</source>
        <translation>记录时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="276"/>
        <source>Save sheet as PDF</source>
        <translation>签到表存为 PDF</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="277"/>
        <source>Cancel activity</source>
        <translation>取消活动</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="278"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>AdminLoginPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="179"/>
        <source>Team leader, first time? Set your admin PIN</source>
        <translation>队长首次设置管理密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="180"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="181"/>
        <source>Enter your admin or team leader PIN.</source>
        <translation>请输入管理员或组长的管理密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="183"/>
        <source>After 5 wrong PINs the keypad locks, for longer after each further one.</source>
        <translation>连续输错 5 次后键盘锁定，之后每错一次锁定时间更长。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="185"/>
        <source>Enter admin PIN</source>
        <translation>请输入管理员密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>station admin</source>
        <translation type="vanished">站点管理员</translation>
    </message>
    <message>
        <source>team leader</source>
        <translation type="vanished">组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="295"/>
        <source>Logged in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="298"/>
        <source>Logged in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <source>Emergencies not yet acknowledged</source>
        <translation type="vanished">尚未响应的紧急求助</translation>
    </message>
    <message>
        <source>None</source>
        <translation type="vanished">无</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="vanished">确认响应</translation>
    </message>
    <message>
        <source>Medicine box and AED</source>
        <translation type="vanished">药箱与 AED</translation>
    </message>
    <message>
        <source>All in order</source>
        <translation type="vanished">一切正常</translation>
    </message>
    <message>
        <source>Incident records</source>
        <translation type="vanished">急救记录</translation>
    </message>
    <message>
        <source>New record</source>
        <translation type="vanished">新增记录</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="vanished">更正</translation>
    </message>
    <message>
        <source>Void</source>
        <translation type="vanished">作废</translation>
    </message>
    <message>
        <source>Void the record</source>
        <translation type="vanished">确认作废</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation type="vanished">已更正</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation type="vanished">已作废</translation>
    </message>
    <message>
        <source>No records yet</source>
        <translation type="vanished">暂无记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="315"/>
        <source>Not enrolled with a hub</source>
        <translation>尚未注册到中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="324"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="325"/>
        <source>Waiting: %1 · refused by the hub: %2</source>
        <translation>待同步：%1 条 · 中心拒收：%2 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="331"/>
        <source>Refused from the hub: %1 (last: %2)</source>
        <translation>拒收中心发来的内容：%1 条（最近一条：%2）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="337"/>
        <source>Clock differs from the hub by %1 s</source>
        <translation>本机时钟与中心相差 %1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="342"/>
        <source>This kiosk was revoked by the hub; its records are kept.</source>
        <translation>本终端已被中心停用，本地记录全部保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="344"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <source>Closed by the sweep</source>
        <translation type="vanished">超时自动结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="353"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <source>Volunteer hours this month</source>
        <translation type="vanished">本月志愿服务时长</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="vanished">姓名</translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="vanished">编号</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation type="vanished">班次</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="vanished">时长</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation type="vanished">待核查</translation>
    </message>
    <message>
        <source>Shifts flagged for review</source>
        <translation type="vanished">待核查的班次</translation>
    </message>
    <message>
        <source>Hours this month</source>
        <translation type="vanished">本月时长</translation>
    </message>
    <message>
        <source>Flagged shifts</source>
        <translation type="vanished">待核查班次</translation>
    </message>
    <message>
        <source>Phones charging</source>
        <translation type="vanished">正在充电</translation>
    </message>
    <message>
        <source>Lending</source>
        <translation type="vanished">借用物品</translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="vanished">服务目录</translation>
    </message>
    <message>
        <source>Alerts and first aid</source>
        <translation type="vanished">提醒与急救</translation>
    </message>
    <message>
        <source>Requests and wishes</source>
        <translation type="vanished">求助和心愿</translation>
    </message>
    <message>
        <source>Charging slots…</source>
        <translation type="vanished">管理充电位…</translation>
    </message>
    <message>
        <source>Lending items…</source>
        <translation type="vanished">管理借用物品…</translation>
    </message>
    <message>
        <source>Medicine items…</source>
        <translation type="vanished">管理药箱物品…</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation type="vanished">签到时间</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation type="vanished">签退时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="360"/>
        <source>Close stale shifts</source>
        <translation>结束超时班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="361"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="362"/>
        <source>Review logs</source>
        <translation>查看日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="363"/>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="366"/>
        <location filename="../../kiosk/features/admin/ui/console.py" line="416"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="366"/>
        <location filename="../../kiosk/features/admin/ui/console.py" line="396"/>
        <source>Tap again to exit</source>
        <translation>再点一次退出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="368"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation type="vanished">志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/console.py" line="369"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="vanished">审核通过</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation type="vanished">更正…</translation>
    </message>
    <message>
        <source>Tap a shift, then approve it or correct its time.</source>
        <translation type="vanished">点选一个班次，然后审核通过或更正时长。</translation>
    </message>
</context>
<context>
    <name>AmendShiftPage</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/amend.py" line="106"/>
        <source>Correct a shift</source>
        <translation>更正班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/amend.py" line="111"/>
        <source>%1, checked in %2, credited %3. Enter the minutes to credit instead.</source>
        <translation>%1，签到于 %2，计入 %3。请输入应计入的分钟数。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/amend.py" line="118"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/amend.py" line="122"/>
        <source>Minutes</source>
        <translation>分钟数</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/amend.py" line="123"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ApproverPhonePage</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="121"/>
        <source>Volunteer approval</source>
        <translation>志愿者确认借用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="122"/>
        <source>A volunteer on duty scans their badge now,</source>
        <translation>请在岗志愿者现在扫描工牌，</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="123"/>
        <source>or enters their own phone number, then their PIN.</source>
        <translation>或输入志愿者本人的手机号，再输入密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="124"/>
        <source>Volunteer&apos;s phone</source>
        <translation>志愿者手机号</translation>
    </message>
</context>
<context>
    <name>ApproverPinPage</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="152"/>
        <source>Volunteer approval: PIN</source>
        <translation>志愿者确认：输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="153"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="154"/>
        <source>Phone: %1</source>
        <translation>手机号：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="155"/>
        <source>Enter PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AttendPhonePage</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="48"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="49"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="50"/>
        <source>Scan your badge, or enter your phone number.</source>
        <translation>请扫描工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="52"/>
        <source>Then your PIN. The alert then stops on every kiosk of the station.</source>
        <translation>再输入密码。确认后，本站所有终端的警报随即停止。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="54"/>
        <source>Enter phone number</source>
        <translation>输入手机号</translation>
    </message>
</context>
<context>
    <name>BadgePage</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="83"/>
        <source>Badge for %1</source>
        <translation>%1 的工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="85"/>
        <source>Badge %1, valid to %2. The volunteer&apos;s earlier badge no longer works.</source>
        <translation>工牌号 %1，有效期至 %2。该志愿者的旧工牌已不能使用。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="91"/>
        <source>Saved for printing: %1</source>
        <translation>已保存，可打印：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="92"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="236"/>
        <source>Train departures</source>
        <translation>列车动态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="245"/>
        <source>Station time %1</source>
        <translation>本站时间 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="250"/>
        <source>Timetable from the centre; delays as staff report them.</source>
        <translation>时刻表由中心发布；晚点等信息以车站工作人员通报为准。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="253"/>
        <source>Timetable imported at this station; delays as staff report them.</source>
        <translation>时刻表由本站导入；晚点等信息以车站工作人员通报为准。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="257"/>
        <source>* gate changed</source>
        <translation>* 检票口已变更</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="273"/>
        <source>Earlier</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="274"/>
        <source>Later</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="277"/>
        <source>All departures</source>
        <translation>全部车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="279"/>
        <source>Find my train</source>
        <translation>查找车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="280"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="282"/>
        <source>Train %1</source>
        <translation>车次 %1</translation>
    </message>
</context>
<context>
    <name>BorrowerPhonePage</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="56"/>
        <source>✓ I have read the notice and agree</source>
        <translation>✓ 我已阅读说明并同意</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="58"/>
        <source>Tap to agree to the notice</source>
        <translation>点此同意以上说明</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="74"/>
        <source>Return: your phone number</source>
        <translation>归还：请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="75"/>
        <source>The number you borrowed the %1 with.</source>
        <translation>借%1时登记的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="76"/>
        <source>You can return it at any kiosk of this station.</source>
        <translation>本站任意终端均可归还。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="78"/>
        <source>Borrow: your phone number</source>
        <translation>借用：请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="80"/>
        <source>We keep it with the loan of the %1 until you return it.</source>
        <translation>手机号随本次借%1登记，归还后结束。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="84"/>
        <source>It is only ever shown like 138****1234.</source>
        <translation>屏幕上只显示为 138****1234 的形式。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="87"/>
        <source>Notice: your number is used only for this loan, stored encrypted, and erased %1 days after you return it. Ask the station or the volunteer centre to erase it sooner.</source>
        <translation>说明：您的手机号仅用于本次借用，加密保存，归还 %1 天后删除；可向驿站或志愿服务中心申请提前删除。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/entry.py" line="95"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/camera.py" line="88"/>
        <source>Hold your badge in front of the camera</source>
        <translation>请将工牌二维码对准摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/camera.py" line="89"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>CataloguePanel</name>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="121"/>
        <source>hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="123"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="123"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="132"/>
        <source>Services on the home screen</source>
        <translation>首页上的服务（本站修改）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="133"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/admin.py" line="134"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="300"/>
        <source>Saved to: %1</source>
        <translation>保存位置：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="305"/>
        <source>Choose a volunteer on the left.</source>
        <translation>请在左侧选择志愿者。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="443"/>
        <source>Volunteer hours certificate</source>
        <translation>志愿服务记录证明</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="444"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="445"/>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="466"/>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="446"/>
        <source>Period of service</source>
        <translation>服务期间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="448"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="449"/>
        <source>Last month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="450"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="451"/>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="452"/>
        <source>12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="453"/>
        <source>Dates…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="457"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="458"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="459"/>
        <source>Use these dates</source>
        <translation>使用这些日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="460"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="461"/>
        <source>Change folder</source>
        <translation>更改位置</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="462"/>
        <source>Issue certificate (PDF)</source>
        <translation>出具证明（PDF）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="463"/>
        <source>Issued lately</source>
        <translation>最近出具的证明</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="464"/>
        <source>Reprint a copy</source>
        <translation>补打副本</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="466"/>
        <source>Certificate No.</source>
        <translation>证明编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="466"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/certificates/ui/pages.py" line="466"/>
        <source>Hours</source>
        <translation>小时</translation>
    </message>
</context>
<context>
    <name>ChargingCodePage</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/ticket.py" line="196"/>
        <source>Your pickup code</source>
        <translation>您的取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/ticket.py" line="197"/>
        <source>I have the code</source>
        <translation>我已记下取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/ticket.py" line="199"/>
        <source>Take a photo of this code</source>
        <translation>请拍下此二维码</translation>
    </message>
</context>
<context>
    <name>ChargingConfirmPage</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/ticket.py" line="105"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/ticket.py" line="106"/>
        <source>Choose another</source>
        <translation>换一个</translation>
    </message>
</context>
<context>
    <name>ChargingFlow</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/flow.py" line="278"/>
        <source>Phones charging</source>
        <translation>正在充电</translation>
    </message>
</context>
<context>
    <name>ChargingPage</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="145"/>
        <source>Phone charging: choose a free slot</source>
        <translation>手机充电：请选择空闲充电位</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="147"/>
        <source>Collect your phone: tap your slot</source>
        <translation>取手机：请点您的充电位</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="160"/>
        <source>Collect phone</source>
        <translation>取手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="161"/>
        <source>Start charging</source>
        <translation>开始充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="164"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="166"/>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="167"/>
        <source>Charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/pages.py" line="168"/>
        <source>Locked: ask a volunteer</source>
        <translation>已锁定，请找志愿者</translation>
    </message>
</context>
<context>
    <name>ChargingSessionsPanel</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/admin.py" line="129"/>
        <source>No phone is charging.</source>
        <translation>目前没有手机在充电。</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation type="vanished">还有 %1 部</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/admin.py" line="136"/>
        <source>Why close %1?</source>
        <translation>为什么结束%1？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/admin.py" line="140"/>
        <source>Phones charging</source>
        <translation>正在充电的手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/admin.py" line="142"/>
        <source>Close…</source>
        <translation>结束…</translation>
    </message>
    <message>
        <source>Code forgotten, owner checked</source>
        <translation type="vanished">忘记取件码（已核实）</translation>
    </message>
    <message>
        <source>To lost and found</source>
        <translation type="vanished">转失物招领</translation>
    </message>
    <message>
        <source>Slot fault</source>
        <translation type="vanished">充电位故障</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/checkin.py" line="122"/>
        <source>Hold the QR code on your badge under the scanner.</source>
        <translation>将工牌上的二维码对准扫码器即可。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/checkin.py" line="123"/>
        <source>Use phone + PIN</source>
        <translation>使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/checkin.py" line="124"/>
        <source>Scan with the camera</source>
        <translation>用摄像头扫码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/checkin.py" line="125"/>
        <source>First time? Set up your PIN</source>
        <translation>首次设置密码</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="155"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="156"/>
        <source>Check my ticket</source>
        <translation>查询我的单号</translation>
    </message>
</context>
<context>
    <name>ClockingFlow</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/flow.py" line="311"/>
        <source>Hours this month</source>
        <translation>本月时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/flow.py" line="321"/>
        <source>Flagged shifts</source>
        <translation>待核查班次</translation>
    </message>
</context>
<context>
    <name>CompletionNotePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="280"/>
        <source>How did it end?</source>
        <translation>处理结果如何？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="282"/>
        <source>%1, pick one: it is kept with the request.</source>
        <translation>%1，请选择一项，将随服务单保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="287"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ContactPhonePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="94"/>
        <source>Your phone number</source>
        <translation>您的手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="95"/>
        <source>Optional: so a volunteer can call you.</source>
        <translation>选填：方便志愿者联系您。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="96"/>
        <source>Only volunteers see it, and only masked on screen.</source>
        <translation>仅志愿者可见，屏幕上只显示部分号码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="99"/>
        <source>Notice: your number and words are used only to help you with this ticket, stored encrypted, and erased %1 days after it closes. Ask the station or the volunteer centre to erase them sooner.</source>
        <translation>说明：您的手机号和留言仅用于本次服务，加密保存，结单 %1 天后删除；可向驿站或志愿服务中心申请提前删除。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="105"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="114"/>
        <source>✓ I have read the notice and agree</source>
        <translation>✓ 我已阅读说明并同意</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="116"/>
        <source>Tap to agree to the notice</source>
        <translation>点此同意以上说明</translation>
    </message>
</context>
<context>
    <name>CreditPage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="422"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="423"/>
        <source>Credit hours</source>
        <translation>记录时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="425"/>
        <source>Minutes for each of the %1 who signed in; OK to record.</source>
        <translation>为签到的 %1 人每人记录的分钟数；按“确定”记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="431"/>
        <source>Recorded as service time over the activity; those on a shift then are not counted twice.</source>
        <translation>按活动时间记为志愿服务时长；当时已在值班的人不重复计算。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="435"/>
        <source>Minutes</source>
        <translation>分钟数</translation>
    </message>
</context>
<context>
    <name>DailyCheckPage</name>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="447"/>
        <source>Daily check: medicine box and AED</source>
        <translation>每日检查：药箱与 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="448"/>
        <source>✓ I checked the medicine box today</source>
        <translation>✓ 我今天已检查药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="449"/>
        <source>AED status light</source>
        <translation>AED 状态指示灯</translation>
    </message>
    <message>
        <source>Green (ready)</source>
        <translation type="vanished">绿灯（正常）</translation>
    </message>
    <message>
        <source>Red / flashing</source>
        <translation type="vanished">红灯 / 闪烁</translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="vanished">不亮</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="455"/>
        <source>Last check: %1</source>
        <translation>上次检查：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="457"/>
        <source>No check recorded yet</source>
        <translation>尚无检查记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="460"/>
        <source>Pads expire</source>
        <translation>电极片有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="460"/>
        <source>Battery expires</source>
        <translation>电池有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="461"/>
        <source>YYYYMMDD or YYYYMM</source>
        <translation>年年年年月月日日 或 年年年年月月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="464"/>
        <source>Save the check</source>
        <translation>保存检查</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="204"/>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="206"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="207"/>
        <source>7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="208"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="212"/>
        <source>Monthly report</source>
        <translation>月度报表</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="213"/>
        <source>Hours certificates</source>
        <translation>服务时长证明</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="214"/>
        <source>Export folder</source>
        <translation>导出位置</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/dashboard.py" line="215"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>DelayMinutesPage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="215"/>
        <source>How many minutes late is %1?</source>
        <translation>%1 次晚点多少分钟？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="216"/>
        <source>Minutes, e.g. 25. Type 0 when it is on time again.</source>
        <translation>输入分钟数，如 25；恢复正点请输入 0。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="217"/>
        <source>Every kiosk of the station shows it after the next sync.</source>
        <translation>同步后本站所有终端都会显示。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="218"/>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
</context>
<context>
    <name>DepartureTimePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="53"/>
        <source>When does your train leave?</source>
        <translation>您的列车几点开？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="54"/>
        <source>Four digits, hours then minutes: 1430 for 14:30.</source>
        <translation>输入 4 位数字，先时后分：14:30 输入 1430。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="55"/>
        <source>Optional. A train leaving soon is served first.</source>
        <translation>选填。即将发车的旅客优先服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="56"/>
        <source>HHMM</source>
        <translation>时时分分</translation>
    </message>
</context>
<context>
    <name>DispensePage</name>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="234"/>
        <source>Give out medicine</source>
        <translation>发放药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="235"/>
        <source>Item</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="237"/>
        <source>Batch (the earliest expiry is chosen first)</source>
        <translation>批号（默认先用最早到期的）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="238"/>
        <source>Choose an item</source>
        <translation>请先选择药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="246"/>
        <source>%1 · use by %2 · %3 %4</source>
        <translation>%1 · %2 到期 · %3 %4</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="250"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="252"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="253"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Fever / pain</source>
        <translation type="vanished">发热 / 疼痛</translation>
    </message>
    <message>
        <source>Cold / cough</source>
        <translation type="vanished">感冒 / 咳嗽</translation>
    </message>
    <message>
        <source>Stomach</source>
        <translation type="vanished">肠胃不适</translation>
    </message>
    <message>
        <source>Cut / graze</source>
        <translation type="vanished">割伤 / 擦伤</translation>
    </message>
    <message>
        <source>Travel sickness</source>
        <translation type="vanished">晕车晕船</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation type="vanished">中暑</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="257"/>
        <source>Given to</source>
        <translation>发放对象</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="259"/>
        <source>Give out</source>
        <translation>发放</translation>
    </message>
</context>
<context>
    <name>DutyPhonePage</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="24"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="25"/>
        <source>Volunteer on duty</source>
        <translation>值班志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="26"/>
        <source>Scan your badge, or enter your phone number.</source>
        <translation>请扫描工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="27"/>
        <source>Only a volunteer checked in now may do this.</source>
        <translation>仅限当前已签到的志愿者操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/duty_entry.py" line="28"/>
        <source>Enter phone number</source>
        <translation>输入手机号</translation>
    </message>
</context>
<context>
    <name>EmergencyFlow</name>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="208"/>
        <source>EMERGENCY at %1 since %2: a volunteer on duty, go now</source>
        <translation>紧急求助：%1（%2 起），请值班志愿者立即前往</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="209"/>
        <source>(+%1 more)</source>
        <translation>（另有 %1 条）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="210"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="422"/>
        <source>Alerts and first aid</source>
        <translation>提醒与急救</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="444"/>
        <source>Emergencies not yet acknowledged</source>
        <translation>尚未响应的紧急求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="445"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="446"/>
        <source>Acknowledge</source>
        <translation>确认响应</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="447"/>
        <source>Medicine box and AED</source>
        <translation>药箱与 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="448"/>
        <source>All in order</source>
        <translation>一切正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="449"/>
        <source>Incident records</source>
        <translation>急救记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="450"/>
        <source>New record</source>
        <translation>新增记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="451"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="452"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="453"/>
        <source>Void the record</source>
        <translation>确认作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="454"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="455"/>
        <source>VOID</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/flow.py" line="456"/>
        <source>No records yet</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>EmergencyPage</name>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="196"/>
        <source>Call 120 now</source>
        <translation>立即拨打 120</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="204"/>
        <source>Nearest AED</source>
        <translation>最近的 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="208"/>
        <source>Using the AED</source>
        <translation>AED 使用步骤</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="210"/>
        <source>Open it and press the power button. Follow its voice.</source>
        <translation>打开 AED，按下电源键，按语音提示操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="211"/>
        <source>Bare the chest. Stick the pads as pictured.</source>
        <translation>露出胸部，按图贴好电极片。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="212"/>
        <source>Stand clear: nobody touches the person.</source>
        <translation>分析时所有人不要接触患者。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="213"/>
        <source>Press the flashing shock button if told, then start CPR.</source>
        <translation>提示除颤时按下闪烁的电击键，然后继续心肺复苏。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="217"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="218"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/emergency/ui/pages.py" line="219"/>
        <source>Record incident</source>
        <translation>登记急救情况</translation>
    </message>
</context>
<context>
    <name>EraseConfirmPage</name>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="156"/>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="157"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="160"/>
        <source>This cannot be undone. The ticket, its times and counts stay; only the phone and words become unreadable everywhere.</source>
        <translation>删除后无法恢复。单号、时间和统计保留，只有手机号和留言在各处都无法再读取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="171"/>
        <source>Erase the personal data of ticket %1?</source>
        <translation>删除单号 %1 的个人信息？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="174"/>
        <source>Help request</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="174"/>
        <source>Need or wish</source>
        <translation>诉求 / 心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="176"/>
        <source>Phone: %1</source>
        <translation>手机号：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="176"/>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="180"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="180"/>
        <source>Words: %1</source>
        <translation>留言：%1</translation>
    </message>
</context>
<context>
    <name>EraseTicketPage</name>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="66"/>
        <source>Erase a ticket&apos;s personal data</source>
        <translation>删除单号对应的个人信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="67"/>
        <source>Enter the 6-digit ticket number the traveller shows you.</source>
        <translation>请输入旅客出示的 6 位单号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="70"/>
        <source>Their phone and words are erased here, on the hub and on the station&apos;s other kiosks; the ticket and its figures stay.</source>
        <translation>手机号和留言将在本机、中心和本站其他终端上删除；单号和统计数据保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/pages.py" line="74"/>
        <source>Ticket number</source>
        <translation>单号</translation>
    </message>
</context>
<context>
    <name>FieldFormPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/field_form.py" line="178"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/field_form.py" line="179"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>FirstAidOnDuty</name>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="345"/>
        <source>First-aid trained on duty</source>
        <translation>在岗急救人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="348"/>
        <source>Nobody on duty holds a valid first-aid certificate</source>
        <translation>在岗志愿者中暂无有效急救证书</translation>
    </message>
</context>
<context>
    <name>FlaggedPanel</name>
    <message>
        <source>Closed by the sweep</source>
        <translation type="vanished">超时自动结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="190"/>
        <source>Did not check out</source>
        <translation>未签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="197"/>
        <source>credited %1</source>
        <translation>计入 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="223"/>
        <source>Shifts flagged for review</source>
        <translation>待核查的班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="225"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="225"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="225"/>
        <source>Checked out</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="225"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="227"/>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="228"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="229"/>
        <source>Tap a shift, then approve it or correct its time.</source>
        <translation>点选一个班次，然后审核通过或更正时长。</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="125"/>
        <source>Files are saved to: %1</source>
        <translation>文件保存位置：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="129"/>
        <source>USB stick</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="129"/>
        <source>This kiosk</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="131"/>
        <source>%1 free</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="148"/>
        <source>Export folder</source>
        <translation>导出位置</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="149"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="152"/>
        <source>Log exports, monthly reports and certificates are saved here. Plug in a USB stick and tap Refresh to see it.</source>
        <translation>日志导出、月度报表和服务时长证明都保存在这里。插入 U 盘后点“刷新”即可看到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="156"/>
        <source>No USB stick found.</source>
        <translation>未发现 U 盘。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/folders.py" line="157"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>GatePage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="252"/>
        <source>New gate for %1</source>
        <translation>%1 次改到哪个检票口？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="253"/>
        <source>Letter first if it has one, e.g. A12 or 5.</source>
        <translation>有字母请先输字母，如 A12 或 5。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="254"/>
        <source>The board shows the new gate, marked as changed.</source>
        <translation>列车动态上会显示新检票口，并标明已变更。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="255"/>
        <source>e.g. A12</source>
        <translation>如 A12</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="190"/>
        <source>Handover: %1</source>
        <translation>交接班：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="193"/>
        <source>Count the medicine box and the lending shelf; change only what differs.</source>
        <translation>清点药箱和借用架，只改有出入的数量。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="195"/>
        <source>Nothing to count at this station.</source>
        <translation>本站没有需要清点的物品。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="208"/>
        <source>Medicine</source>
        <translation>药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="208"/>
        <source>Lending</source>
        <translation>借用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="222"/>
        <source>Why?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="229"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="230"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="232"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="232"/>
        <source>Add a note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="234"/>
        <source>No handover</source>
        <translation>不交接</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="235"/>
        <source>Record handover</source>
        <translation>记录交接</translation>
    </message>
</context>
<context>
    <name>HelpDeskPanel</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="173"/>
        <source>answered in %1 min</source>
        <translation>%1 分钟内接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="175"/>
        <source>waiting %1 min</source>
        <translation>已等待 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="192"/>
        <source>Withdraw</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="209"/>
        <source>Status / answer</source>
        <translation>状态 / 答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="226"/>
        <source>Open help requests</source>
        <translation>未完成的求助单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="229"/>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="241"/>
        <source>Ticket</source>
        <translation>单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="230"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="231"/>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="243"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="232"/>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="233"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="234"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="238"/>
        <source>Open needs and wishes</source>
        <translation>未办结的诉求和心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="242"/>
        <source>About</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="244"/>
        <source>Sent</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/admin.py" line="245"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>HelpTextPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/help_text.py" line="67"/>
        <source>A few words for the volunteer (optional)</source>
        <translation>给志愿者留几句话（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/help_text.py" line="69"/>
        <source>e.g. two big suitcases, at exit B</source>
        <translation>例如：两个大箱子，在 B 出口</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/help_text.py" line="70"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/help_text.py" line="71"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>HelperPhonePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="149"/>
        <source>Volunteer on duty: who are you?</source>
        <translation>在岗志愿者：请确认身份</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="150"/>
        <source>Scan your badge now, or type your phone number.</source>
        <translation>请现在扫描工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="152"/>
        <source>Only volunteers who checked in can accept or finish a request.</source>
        <translation>只有已签到的志愿者可以接单或完成服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="154"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/shell/home.py" line="410"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="410"/>
        <source>Nobody is on duty right now.</source>
        <translation>目前暂无志愿者在岗。</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="411"/>
        <source>since {time}</source>
        <translation>{time} 起</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="411"/>
        <source>and {count} more</source>
        <translation>另有 {count} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="418"/>
        <source>On duty today: {came} of {planned} planned checked in</source>
        <translation>今日值班：排班 {planned} 人，已到岗 {came} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="422"/>
        <source> · {missing} missing</source>
        <translation>，缺岗 {missing} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="430"/>
        <source>{count} served today</source>
        <translation>今日已服务 {count} 人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="436"/>
        <source>⚠ %1 phone(s) overdue at charging</source>
        <translation>⚠ %1 部手机充电超时未取</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="441"/>
        <source>+{count} more alerts</source>
        <translation>另有 {count} 条提醒</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="452"/>
        <source>Help requests: %1</source>
        <translation>求助单：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="454"/>
        <source>%1 urgent</source>
        <translation>%1 单紧急</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="480"/>
        <source>How can we help?</source>
        <translation>我们能为您做什么？</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="481"/>
        <source>Tap a service to see where and when</source>
        <translation>点击服务，查看地点和时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="484"/>
        <location filename="../../kiosk/shell/home.py" line="486"/>
        <source>Volunteer check-in / out</source>
        <translation>志愿者签到 / 签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="485"/>
        <source>Scan your badge, or use phone + PIN</source>
        <translation>扫描工牌，或使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/shell/home.py" line="487"/>
        <source>Volunteers on duty</source>
        <translation>在岗志愿者</translation>
    </message>
</context>
<context>
    <name>HoursPanel</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="85"/>
        <source>Volunteer hours this month</source>
        <translation>本月志愿服务时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="88"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="89"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="90"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="91"/>
        <source>Credited hours</source>
        <translation>计入时长</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="vanished">时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/admin.py" line="92"/>
        <source>Flagged</source>
        <translation>待核查</translation>
    </message>
</context>
<context>
    <name>Incident</name>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="424"/>
        <source>Just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="425"/>
        <source>10 min ago</source>
        <translation>10 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="426"/>
        <source>30 min ago</source>
        <translation>30 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="427"/>
        <source>1 hour ago</source>
        <translation>1 小时前</translation>
    </message>
    <message>
        <source>Waiting hall</source>
        <translation type="vanished">候车大厅</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="vanished">站台</translation>
    </message>
    <message>
        <source>Entrance / exit</source>
        <translation type="vanished">进出站口</translation>
    </message>
    <message>
        <source>Station square</source>
        <translation type="vanished">站前广场</translation>
    </message>
    <message>
        <source>Rest station</source>
        <translation type="vanished">暖心驿站</translation>
    </message>
    <message>
        <source>Elsewhere</source>
        <translation type="vanished">其他地点</translation>
    </message>
    <message>
        <source>Fainted</source>
        <translation type="vanished">晕倒</translation>
    </message>
    <message>
        <source>Fall / injury</source>
        <translation type="vanished">摔倒 / 受伤</translation>
    </message>
    <message>
        <source>Bleeding</source>
        <translation type="vanished">出血</translation>
    </message>
    <message>
        <source>Chest pain</source>
        <translation type="vanished">胸痛</translation>
    </message>
    <message>
        <source>Breathing trouble</source>
        <translation type="vanished">呼吸困难</translation>
    </message>
    <message>
        <source>Heatstroke</source>
        <translation type="vanished">中暑</translation>
    </message>
    <message>
        <source>Seizure</source>
        <translation type="vanished">抽搐</translation>
    </message>
    <message>
        <source>Feeling unwell</source>
        <translation type="vanished">身体不适</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation type="vanished">其他情况</translation>
    </message>
    <message>
        <source>CPR</source>
        <translation type="vanished">心肺复苏</translation>
    </message>
    <message>
        <source>AED shock</source>
        <translation type="vanished">AED 除颤</translation>
    </message>
    <message>
        <source>Wound care</source>
        <translation type="vanished">伤口处理</translation>
    </message>
    <message>
        <source>Recovery position</source>
        <translation type="vanished">复原卧位</translation>
    </message>
    <message>
        <source>Cooling</source>
        <translation type="vanished">降温</translation>
    </message>
    <message>
        <source>Rest and watch</source>
        <translation type="vanished">休息观察</translation>
    </message>
    <message>
        <source>Medicine given</source>
        <translation type="vanished">给予药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="435"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="436"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Recovered, went on</source>
        <translation type="vanished">已恢复，自行离开</translation>
    </message>
    <message>
        <source>To hospital (120)</source>
        <translation type="vanished">送医（120）</translation>
    </message>
    <message>
        <source>Family took over</source>
        <translation type="vanished">家属接走</translation>
    </message>
    <message>
        <source>Handed to police</source>
        <translation type="vanished">移交警方</translation>
    </message>
    <message>
        <source>Declined help</source>
        <translation type="vanished">拒绝帮助</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="vanished">重复登记</translation>
    </message>
    <message>
        <source>Entered by mistake</source>
        <translation type="vanished">误登记</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation type="vanished">其他原因</translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="336"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="340"/>
        <source>Incident record</source>
        <translation>急救登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="340"/>
        <source>Correct the record</source>
        <translation>更正急救记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="343"/>
        <source>Recorded by %1</source>
        <translation>登记人：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="345"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="346"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="347"/>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="348"/>
        <source>First aid given</source>
        <translation>采取的急救措施</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="349"/>
        <source>AED used</source>
        <translation>使用了 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="350"/>
        <source>120 called</source>
        <translation>已拨打 120</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="351"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="352"/>
        <source>Who attended</source>
        <translation>在场志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="353"/>
        <source>Items used (taken from the medicine box)</source>
        <translation>使用的物品（从药箱扣除）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="366"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="367"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="373"/>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="376"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="376"/>
        <source>Write a note</source>
        <translation>写备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="380"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/incidents/ui/pages.py" line="381"/>
        <source>Save record</source>
        <translation>保存记录</translation>
    </message>
</context>
<context>
    <name>ItemsFlow</name>
    <message>
        <location filename="../../kiosk/features/items/ui/flow.py" line="65"/>
        <source>Charging slots…</source>
        <translation>管理充电位…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/flow.py" line="66"/>
        <source>Lending items…</source>
        <translation>管理借用物品…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/flow.py" line="67"/>
        <source>Medicine items…</source>
        <translation>管理药箱物品…</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="117"/>
        <source>switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="120"/>
        <source>cable</source>
        <translation>充电线</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="120"/>
        <source>locker</source>
        <translation>充电柜</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="124"/>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="124"/>
        <source>Switch on</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="128"/>
        <source>Loan period: 1 day</source>
        <translation>借用期限：1 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="130"/>
        <source>Loan period: %1 days</source>
        <translation>借用期限：%1 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="132"/>
        <source>Stop lending</source>
        <translation>暂停借出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="132"/>
        <source>Lend again</source>
        <translation>恢复借出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="134"/>
        <source>Low below: %1</source>
        <translation>最低库存：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="135"/>
        <source>Take off the list</source>
        <translation>暂停发放</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="135"/>
        <source>Offer again</source>
        <translation>恢复发放</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="159"/>
        <source>Charging slots of this kiosk</source>
        <translation>本机充电位</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="160"/>
        <source>Lending items</source>
        <translation>借用物品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="161"/>
        <source>Medicine box items</source>
        <translation>药箱物品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="165"/>
        <source>A slot switched off takes no new phone; a phone inside can still be collected.</source>
        <translation>停用的充电位不再接收新手机；已在其中的手机仍可取回。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="168"/>
        <source>An item no longer lent can still be returned. The loan period counts for new loans. Names come from the hub.</source>
        <translation>暂停借出的物品仍可归还。借用期限对新的借用生效。名称由中心设置。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="172"/>
        <source>Below its threshold an item shows a low-stock alert. Names come from the hub.</source>
        <translation>库存低于最低库存时提醒补货。名称由中心设置。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="177"/>
        <source>Add a cable…</source>
        <translation>添加充电线…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="178"/>
        <source>Add a locker…</source>
        <translation>添加充电柜…</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="vanished">上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="vanished">下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="179"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/keypad.py" line="109"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/keypad.py" line="110"/>
        <location filename="../../kiosk/platform/ui/widgets/keypad.py" line="111"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/keypad.py" line="112"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>KeypadPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="104"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>LatinKeyboard</name>
    <message>
        <source>Shift</source>
        <translation type="vanished">大写</translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="vanished">空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">删除</translation>
    </message>
</context>
<context>
    <name>LeaderAdminPinPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="54"/>
        <source>Choose your admin PIN</source>
        <translation>设置您的管理密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="56"/>
        <source>6 to 8 digits, not your volunteer PIN.</source>
        <translation>6 到 8 位数字，不要与志愿者密码相同。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="57"/>
        <source>You open the admin console with it.</source>
        <translation>以后用它进入管理后台。</translation>
    </message>
</context>
<context>
    <name>LeaderPhonePage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="26"/>
        <source>Team leader: set your admin PIN</source>
        <translation>队长设置管理密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="27"/>
        <source>The centre made you team leader. Enter your phone number.</source>
        <translation>中心已将您设为队长。请输入您的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="28"/>
        <source>Then your volunteer PIN, then the admin PIN you choose.</source>
        <translation>然后输入志愿者密码，再设置管理密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="29"/>
        <source>Enter phone number</source>
        <translation>输入手机号</translation>
    </message>
</context>
<context>
    <name>LeaderVolunteerPinPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="43"/>
        <source>Your volunteer PIN</source>
        <translation>您的志愿者密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="44"/>
        <source>The PIN you check in with.</source>
        <translation>签到时使用的密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="45"/>
        <source>Shield the keypad with your hand.</source>
        <translation>输入时请用手遮挡键盘。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/leader.py" line="46"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
</context>
<context>
    <name>LendingFlow</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/flow.py" line="337"/>
        <source>Lending</source>
        <translation>借用物品</translation>
    </message>
</context>
<context>
    <name>LendingPage</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/pages.py" line="189"/>
        <source>Borrow with my phone number</source>
        <translation>凭手机号借用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/pages.py" line="190"/>
        <source>Borrow with a volunteer</source>
        <translation>由志愿者确认借用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/pages.py" line="191"/>
        <source>Return</source>
        <translation>归还</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/pages.py" line="192"/>
        <source>Read here: count me</source>
        <translation>在此阅读：记 1 人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/pages.py" line="193"/>
        <source>Back to all services</source>
        <translation>返回全部服务</translation>
    </message>
</context>
<context>
    <name>LendingPanel</name>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="158"/>
        <source>%1: %2 left · %3 out · %4 written off</source>
        <translation>%1：剩 %2 · 借出 %3 · 注销 %4</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="166"/>
        <source>over-lent</source>
        <translation>超借</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="168"/>
        <source>+1 in stock</source>
        <translation>入库 +1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="183"/>
        <source>Nothing is out on loan.</source>
        <translation>目前没有借出的物品。</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation type="vanished">另有 %1 笔</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="192"/>
        <source>Why write off this %1 (%2)?</source>
        <translation>为什么注销这%1（%2）？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="196"/>
        <source>Lending stock</source>
        <translation>借用物品库存</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="197"/>
        <source>Out on loan (overdue first)</source>
        <translation>借出中（超期在前）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="199"/>
        <source>Returned</source>
        <translation>已归还</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lending/ui/admin.py" line="200"/>
        <source>Write off…</source>
        <translation>注销…</translation>
    </message>
    <message>
        <source>Lost / not returned</source>
        <translation type="vanished">丢失 / 未归还</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="vanished">损坏</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
</context>
<context>
    <name>ListsFlow</name>
    <message>
        <location filename="../../kiosk/features/lists/ui/flow.py" line="77"/>
        <source>Our lists</source>
        <translation>本站清单</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message numerus="yes">
        <location filename="../../kiosk/features/lists/ui/page.py" line="83"/>
        <source>… %n more</source>
        <translation>
            <numerusform>……还有 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/features/lists/ui/page.py" line="91"/>
        <source>Wishes fulfilled this month: %n</source>
        <translation>
            <numerusform>本月完成 %n 项心愿</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="95"/>
        <source>Needs waiting: %1 · in a project: %2 · met: %3 · member units: %4 · projects done this month: %5</source>
        <translation>待对接需求 %1 · 已对接 %2 · 已完成 %3 · 成员单位 %4 · 本月完成项目 %5</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="104"/>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="130"/>
        <source>The station&apos;s three lists</source>
        <translation>本站三个清单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="131"/>
        <source>Needs list</source>
        <translation>需求清单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="132"/>
        <source>Resources list</source>
        <translation>资源清单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="133"/>
        <source>Projects list</source>
        <translation>项目清单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/lists/ui/page.py" line="134"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="318"/>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="320"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="319"/>
        <source>Every service</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="321"/>
        <source>Every kind of incident</source>
        <translation>全部情况</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="322"/>
        <source>Any status or item</source>
        <translation>全部状态和物品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="323"/>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="324"/>
        <source>Any status or category</source>
        <translation>全部状态和类别</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="325"/>
        <source>Issued or revoked</source>
        <translation>打印或作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="326"/>
        <source>Every action</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="327"/>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="328"/>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="334"/>
        <source>Every kiosk</source>
        <translation>全部终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="390"/>
        <source>%1 rows</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="393"/>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="475"/>
        <source>Log review</source>
        <translation>日志查看</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="476"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="478"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="479"/>
        <source>Service uses</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="480"/>
        <source>Charging</source>
        <translation>手机充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="481"/>
        <source>First aid</source>
        <translation>急救与事件</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="482"/>
        <source>Lending</source>
        <translation>借用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="483"/>
        <source>Help requests</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="484"/>
        <source>Needs and wishes</source>
        <translation>诉求与心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="485"/>
        <source>Badges</source>
        <translation>工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="486"/>
        <source>Admin audit</source>
        <translation>管理审计</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="487"/>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="488"/>
        <source>Sync rejects</source>
        <translation>同步拒收</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="494"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="495"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="496"/>
        <source>7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="497"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="498"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="499"/>
        <source>Dates…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="524"/>
        <source>Volunteer or note</source>
        <translation>志愿者或备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="525"/>
        <source>Approving volunteer</source>
        <translation>担保志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="526"/>
        <source>Helper or ticket number</source>
        <translation>志愿者或单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="527"/>
        <source>Ticket number or words</source>
        <translation>单号或内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="528"/>
        <source>Admin account</source>
        <translation>管理账号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="533"/>
        <source>Volunteer name or number</source>
        <translation>志愿者姓名或编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="535"/>
        <source>No search in this log</source>
        <translation>此日志不可搜索</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="504"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="505"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="506"/>
        <source>Show these dates</source>
        <translation>显示这些日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="507"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="508"/>
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="509"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="510"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/logs.py" line="511"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>MedicineForm</name>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="100"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="101"/>
        <source>Volunteer: %1</source>
        <translation>志愿者：%1</translation>
    </message>
    <message>
        <source>Traveller</source>
        <translation type="vanished">旅客</translation>
    </message>
    <message>
        <source>Delivery rider</source>
        <translation type="vanished">外卖骑手</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation type="vanished">快递员</translation>
    </message>
    <message>
        <source>Sanitation worker</source>
        <translation type="vanished">环卫工人</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="vanished">司机</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation type="vanished">老年人</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="vanished">残障人士</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
</context>
<context>
    <name>MedicinePage</name>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="128"/>
        <source>None in the box</source>
        <translation>药箱内暂无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="131"/>
        <source>Expired %1: take out</source>
        <translation>%1 已过期，请取出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="132"/>
        <source>Use by %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="135"/>
        <source>Medicine box</source>
        <translation>爱心药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="137"/>
        <source>Medicine is given out by the volunteer on duty. Please ask at the desk.</source>
        <translation>药品由值班志愿者发放，请到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="139"/>
        <source>Give out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="140"/>
        <source>Restock</source>
        <translation>补充药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="141"/>
        <source>Daily check</source>
        <translation>每日检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="142"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="143"/>
        <source>+{count} more alerts</source>
        <translation>另有 {count} 条提醒</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="148"/>
        <source>%1 %2 in stock</source>
        <translation>库存 %1 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/pages.py" line="151"/>
        <source>low</source>
        <translation>不足</translation>
    </message>
</context>
<context>
    <name>NewPinPage</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="71"/>
        <source>Choose your PIN</source>
        <translation>设置您的密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="73"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="74"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="76"/>
        <source>Enter the same PIN again to confirm.</source>
        <translation>请再次输入相同的密码以确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="77"/>
        <source>Repeat the PIN</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="78"/>
        <source>You check in with your phone and this PIN.</source>
        <translation>以后用手机号和这个密码签到。</translation>
    </message>
</context>
<context>
    <name>NotePage</name>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="316"/>
        <source>A note for the next volunteer</source>
        <translation>留给下一位志愿者的备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="317"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>NumberEntryPage</name>
    <message>
        <location filename="../../kiosk/features/items/ui/admin.py" line="224"/>
        <source>Enter a number</source>
        <translation>输入数字</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/pager.py" line="76"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/pager.py" line="77"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
</context>
<context>
    <name>PhoneEntryPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/entry.py" line="42"/>
        <source>The volunteer&apos;s phone number</source>
        <translation>志愿者的手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/entry.py" line="43"/>
        <source>They will sign in with it and their PIN.</source>
        <translation>志愿者用手机号和密码签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/entry.py" line="44"/>
        <source>Enter phone number</source>
        <translation>请输入手机号</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="130"/>
        <source>Your phone number</source>
        <translation>请输入手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="131"/>
        <source>The number you registered as a volunteer.</source>
        <translation>您登记志愿者时使用的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="132"/>
        <source>Then you will be asked for your PIN.</source>
        <translation>下一步输入您的密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="133"/>
        <source>Enter phone number</source>
        <translation>手机号</translation>
    </message>
</context>
<context>
    <name>PickupCodePage</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="31"/>
        <source>Enter your pickup code</source>
        <translation>请输入取件码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="34"/>
        <source>6 digits, shown when you started charging.</source>
        <translation>6 位数字，开始充电时显示在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="35"/>
        <source>6-digit code</source>
        <translation>6 位取件码</translation>
    </message>
</context>
<context>
    <name>PinEntryPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/entry.py" line="30"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="150"/>
        <source>Your PIN</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="151"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字。输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="152"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="153"/>
        <source>Enter PIN</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>PrintBar</name>
    <message>
        <location filename="../../kiosk/features/printing/ui/bar.py" line="44"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>PrivacyFlow</name>
    <message>
        <location filename="../../kiosk/features/privacy/ui/flow.py" line="71"/>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/flow.py" line="86"/>
        <source>Travellers&apos; phones and words are kept encrypted and erased %1 days after their ticket closes. A traveller may ask to erase them sooner: take their ticket number.</source>
        <translation>旅客的手机号和留言加密保存，结单 %1 天后删除。旅客可申请提前删除：请记下其单号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/privacy/ui/flow.py" line="91"/>
        <source>Erase a ticket&apos;s personal data…</source>
        <translation>删除单号对应的个人信息…</translation>
    </message>
</context>
<context>
    <name>RatingPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="371"/>
        <source>Not now</source>
        <translation>暂不评价</translation>
    </message>
</context>
<context>
    <name>ReadPage</name>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="374"/>
        <source>I have read it</source>
        <translation>我已知悉</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="375"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="379"/>
        <source>Handover from %1 at %2</source>
        <translation>%1 %2 的交接</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="396"/>
        <source>The stock count matched.</source>
        <translation>清点数量与应有数一致。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="397"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
</context>
<context>
    <name>ReasonPage</name>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="283"/>
        <source>Why does the count differ?</source>
        <translation>清点数为什么不一致？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/handover/ui/pages.py" line="286"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="155"/>
        <source>Saved to: %1</source>
        <translation>保存位置：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="237"/>
        <source>Monthly report</source>
        <translation>月度报表</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="240"/>
        <source>Choose a month: the PDF has the totals, the charts and the tables of people served, volunteer hours and phone charging.</source>
        <translation>请选择月份：报表（PDF）包含合计、图表，以及服务人次、志愿服务时长和手机充电的明细表。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="244"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="245"/>
        <source>Change folder</source>
        <translation>更改位置</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="246"/>
        <source>Make the PDF</source>
        <translation>生成 PDF 报表</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/reports/ui/monthly.py" line="247"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>RequestCategoryPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="170"/>
        <source>Ask a volunteer for help</source>
        <translation>请志愿者帮忙</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="171"/>
        <source>What do you need? A volunteer on duty will come to you.</source>
        <translation>您需要什么帮助？在岗志愿者会来找您。</translation>
    </message>
</context>
<context>
    <name>RequestDetailsPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="277"/>
        <source>All optional: a volunteer finds you sooner with your train and phone.</source>
        <translation>以下均为选填：留下车次和电话，志愿者能更快找到您。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="280"/>
        <source>Train number</source>
        <translation>车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="281"/>
        <source>Departure time</source>
        <translation>发车时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="282"/>
        <source>Phone (shown masked)</source>
        <translation>手机号（隐藏显示）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="283"/>
        <source>A few words</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="285"/>
        <source>tap to add (optional)</source>
        <translation>点此填写（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="289"/>
        <source>Send request</source>
        <translation>发出求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/order.py" line="290"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>RequestFlow</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/flow.py" line="484"/>
        <source>Requests and wishes</source>
        <translation>求助和心愿</translation>
    </message>
</context>
<context>
    <name>RequestQueuePage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="210"/>
        <source>Help requests</source>
        <translation>求助单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="212"/>
        <source>Open requests of the whole station. Urgent ones first, highlighted.</source>
        <translation>全站未完成的求助单，紧急的排在前面并突出显示。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="214"/>
        <source>No open requests. Thank you!</source>
        <translation>目前没有待处理的求助单，谢谢！</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="216"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="219"/>
        <source>ordered %1 (%2 min ago)</source>
        <translation>%1 下单（%2 分钟前）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="220"/>
        <source>train %1 leaves %2</source>
        <translation>车次 %1，%2 发车</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="221"/>
        <source>from a phone</source>
        <translation>来自手机</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="222"/>
        <source>Accepted by %1</source>
        <translation>%1 已接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="223"/>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/queue.py" line="224"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>RestockPage</name>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="367"/>
        <source>Restock the medicine box</source>
        <translation>补充药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="368"/>
        <source>Item</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="372"/>
        <source>Batch no.</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="373"/>
        <source>Use by</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="374"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="377"/>
        <source>Batch number (digits)</source>
        <translation>批号（数字）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="378"/>
        <source>YYYYMMDD or YYYYMM</source>
        <translation>年年年年月月日日 或 年年年年月月</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="379"/>
        <source>How many units</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="383"/>
        <source>Add to the box</source>
        <translation>放入药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/medicine/ui/forms.py" line="385"/>
        <source>Take out expired batch %1 (%2)</source>
        <translation>取出过期批号 %1（%2）</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/result.py" line="158"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/result.py" line="159"/>
        <source>Cancel check-in</source>
        <translation>取消签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/result.py" line="160"/>
        <source>Check out anyway</source>
        <translation>仍要签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/result.py" line="161"/>
        <source>Stay on duty</source>
        <translation>保持签到</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/platform/ui/pages/result.py" line="174"/>
        <source>Back to the home screen in %n s</source>
        <translation>
            <numerusform>%n 秒后返回首页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokeBadgePage</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="161"/>
        <source>Revoke the badge of %1</source>
        <translation>作废 %1 的工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="164"/>
        <source>Badge %1, valid to %2</source>
        <translation>工牌号 %1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="170"/>
        <source>Why? The badge stops working at every kiosk of the station after their next sync. Print a new badge afterwards if the volunteer stays.</source>
        <translation>作废原因？各终端同步后即不再接受此工牌。志愿者继续服务的，请随后打印新工牌。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/badge.py" line="176"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>RollCallFlow</name>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/flow.py" line="98"/>
        <location filename="../../kiosk/features/rollcall/ui/flow.py" line="114"/>
        <source>Roll call</source>
        <translation>清点人数</translation>
    </message>
</context>
<context>
    <name>RollCallPage</name>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="217"/>
        <source>Present %1 / Missing %2</source>
        <translation>已到 %1 / 未到 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="228"/>
        <source>Everyone is accounted for.</source>
        <translation>全部人员已到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="232"/>
        <source> and %1 more</source>
        <translation> 等，另有 %1 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="233"/>
        <source>Still missing: %1</source>
        <translation>未到：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="236"/>
        <source>Roll call</source>
        <translation>清点人数</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="238"/>
        <source>Scan each person&apos;s badge, or tap their name. Tap again to undo a tick.</source>
        <translation>请逐一扫描工牌，或点姓名打勾；再点一次可取消。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="241"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="242"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="243"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="244"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="246"/>
        <source>Present</source>
        <translation>已到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="246"/>
        <source>Missing</source>
        <translation>未到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="252"/>
        <source>Nobody is checked in at the station now.</source>
        <translation>现在站点没有人签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="253"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="254"/>
        <source>Finish roll call</source>
        <translation>完成清点</translation>
    </message>
</context>
<context>
    <name>RotaFlow</name>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="126"/>
        <source>Rota…</source>
        <translation>排班…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="138"/>
        <source>On duty today</source>
        <translation>今日值班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="155"/>
        <source>Planned today: {came} of {expected} checked in</source>
        <translation>今日排班：{expected} 人，已到岗 {came} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="156"/>
        <source>Nobody is on the rota today</source>
        <translation>今日无人排班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="157"/>
        <source>Swaps awaiting approval</source>
        <translation>待批准的换班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/flow.py" line="158"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>RotaFormPage</name>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="188"/>
        <source>Add to the rota</source>
        <translation>新增排班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="191"/>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="191"/>
        <source>One shift</source>
        <translation>单次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="195"/>
        <source>Volunteer number</source>
        <translation>志愿者编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="196"/>
        <source>Weekday (1 Mon … 7 Sun; every week)</source>
        <translation>星期（1 周一 … 7 周日；每周排班用）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="197"/>
        <source>Day (YYYY-MM-DD; first day if every week)</source>
        <translation>日期（年-月-日；每周排班为起始日）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="198"/>
        <source>Starts (HH:MM)</source>
        <translation>开始（时:分）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="199"/>
        <source>Ends (HH:MM)</source>
        <translation>结束（时:分）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="200"/>
        <source>Last day (every week; may be empty)</source>
        <translation>截止日期（每周排班用，可留空）</translation>
    </message>
</context>
<context>
    <name>RotaListPage</name>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="132"/>
        <source>Rota</source>
        <translation>排班表</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="135"/>
        <source>Who is expected on duty when: weekly patterns and one-off shifts. A change is a removal and a new line.</source>
        <translation>谁在何时值班：每周固定班和单次班。如需修改，请删除后重新添加。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="146"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="148"/>
        <source>Nobody is on the rota yet</source>
        <translation>还没有排班</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="vanished">上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="vanished">下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="150"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="151"/>
        <source>Every week…</source>
        <translation>每周排班…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="152"/>
        <source>One shift…</source>
        <translation>单次排班…</translation>
    </message>
</context>
<context>
    <name>ServiceDetailPage</name>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="301"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="302"/>
        <source>Hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="303"/>
        <source>Back to all services</source>
        <translation>返回全部服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="304"/>
        <source>Scan with your phone</source>
        <translation>用手机扫码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="306"/>
        <source>Who did we serve? One tap counts</source>
        <translation>服务了谁？点一下即计数</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="307"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_detail.py" line="308"/>
        <source>Used it</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Traveller</source>
        <translation type="vanished">旅客</translation>
    </message>
    <message>
        <source>Delivery rider</source>
        <translation type="vanished">外卖骑手</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation type="vanished">快递员</translation>
    </message>
    <message>
        <source>Sanitation worker</source>
        <translation type="vanished">环卫工人</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation type="vanished">司机</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation type="vanished">老人</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="vanished">残障人士</translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="vanished">其他</translation>
    </message>
</context>
<context>
    <name>ServiceFlow</name>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/flow.py" line="83"/>
        <source>Services</source>
        <translation>服务目录</translation>
    </message>
</context>
<context>
    <name>ServiceInfoCard</name>
    <message>
        <location filename="../../kiosk/features/catalogue/ui/service_info.py" line="101"/>
        <source>Where: %1  ·  Hours: %2</source>
        <translation>地点：%1  ·  开放时间：%2</translation>
    </message>
</context>
<context>
    <name>SetAdminPinPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="210"/>
        <source>Set the admin PIN</source>
        <translation>设置管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="212"/>
        <source>This kiosk has no admin PIN yet. Choose 6 to 8 digits.</source>
        <translation>本终端尚未设置管理员密码，请设置 6 至 8 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="213"/>
        <source>New admin PIN</source>
        <translation>新管理员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="215"/>
        <source>Enter the same PIN again to confirm.</source>
        <translation>请再次输入相同的密码以确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="216"/>
        <source>Repeat the PIN</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/entry.py" line="218"/>
        <source>Keep it safe: it opens the admin screen and closes the kiosk.</source>
        <translation>请妥善保管：它可进入管理界面并关闭终端。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="155"/>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="212"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="172"/>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="172"/>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="176"/>
        <source>%1 yr</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="177"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="180"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="181"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="184"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="186"/>
        <source>Station name (English)</source>
        <translation>站点英文名称</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="187"/>
        <source>Back to home after</source>
        <translation>无操作返回首页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="188"/>
        <source>Admin screens log out after</source>
        <translation>管理界面无操作退出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="189"/>
        <source>Default language</source>
        <translation>默认语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="190"/>
        <source>Large type</source>
        <translation>大字模式</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="191"/>
        <source>Badges valid for (whole station)</source>
        <translation>工牌有效期（全站）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="192"/>
        <source>Hub address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="193"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="198"/>
        <source>%1 (now %2)</source>
        <translation>%1（当前 %2）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="204"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="206"/>
        <source>Enrolled with %1</source>
        <translation>已注册到 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="208"/>
        <source>Not enrolled with a hub</source>
        <translation>未注册到服务器</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="209"/>
        <source>Enrol with a code…</source>
        <translation>用注册码注册…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="210"/>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/admin/ui/settings.py" line="213"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>SetupCodePage</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="43"/>
        <source>Setup code</source>
        <translation>设置码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="44"/>
        <source>The 8 digits on the slip the centre gave you.</source>
        <translation>中心发给您的纸条上的 8 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="45"/>
        <source>It works once, within 7 days.</source>
        <translation>设置码只能使用一次，7 天内有效。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="46"/>
        <source>Enter setup code</source>
        <translation>输入设置码</translation>
    </message>
</context>
<context>
    <name>SetupPhonePage</name>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="26"/>
        <source>Set up your PIN</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="27"/>
        <source>Enter the phone number the centre registered for you.</source>
        <translation>请输入中心为您登记的手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="28"/>
        <source>Then the setup code on your slip, then your new PIN.</source>
        <translation>然后输入纸条上的设置码，再设置新密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/shifts/ui/setup.py" line="29"/>
        <source>Enter phone number</source>
        <translation>输入手机号</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="373"/>
        <source>Sign in: %1</source>
        <translation>签到：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="377"/>
        <source>Scan your badge, or tap Phone + PIN, or scan the code with your own phone.</source>
        <translation>请刷工牌，或点“手机号 + 密码”，或用自己的手机扫码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="379"/>
        <source>Scan your badge, or tap Phone + PIN.</source>
        <translation>请刷工牌，或点“手机号 + 密码”。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="381"/>
        <source>Sign in on your own phone</source>
        <translation>用自己的手机扫码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="382"/>
        <source>Phone + PIN</source>
        <translation>手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="383"/>
        <source>Close sign-in</source>
        <translation>结束签到</translation>
    </message>
</context>
<context>
    <name>SignInPhonePage</name>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="398"/>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="399"/>
        <source>Scan your badge, or enter your phone number.</source>
        <translation>请刷工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/activities/ui/pages.py" line="400"/>
        <source>Then your PIN. Every volunteer of the station may sign in.</source>
        <translation>然后输入密码。本站志愿者均可签到。</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <source>Back</source>
        <translation type="vanished">返回</translation>
    </message>
    <message>
        <source>I am attending</source>
        <translation type="vanished">我来处理</translation>
    </message>
    <message>
        <source>Volunteer on duty: scan your badge or enter your PIN.</source>
        <translation type="vanished">值班志愿者：请扫描工牌或输入密码。</translation>
    </message>
    <message>
        <source>The admin PIN works too. The alert then stops on every kiosk.</source>
        <translation type="vanished">也可输入管理员密码。确认后所有终端的警报都会停止。</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation type="vanished">输入密码</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="120"/>
        <source>On duty: …</source>
        <translation>在岗：…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="122"/>
        <source>%n on duty</source>
        <translation>
            <numerusform>在岗 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to the hub</source>
        <translation type="vanished">未连接中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="99"/>
        <source>Stand-alone</source>
        <translation>本机独立运行</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="101"/>
        <source>Revoked by the hub: records kept here</source>
        <translation>已被中心停用，记录保留在本机</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="105"/>
        <source>Synced at %1 · history still arriving</source>
        <translation>已同步 %1 · 历史记录同步中</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="106"/>
        <source>Synced at %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="107"/>
        <source>Hub unreachable: will retry</source>
        <translation>中心连接不上，稍后自动重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="117"/>
        <source>Storage full: please tell the staff</source>
        <translation>存储空间已满，请联系管理员</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/platform/ui/widgets/statusbar.py" line="133"/>
        <source>%n waiting to sync</source>
        <translation>
            <numerusform>待同步 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SwapPage</name>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="411"/>
        <source>Rota swaps: {name}</source>
        <translation>排班换班：{name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="414"/>
        <source>Offer one of your shifts, or take one another volunteer offered. A swap counts once the team leader approves it.</source>
        <translation>可以让出您的一班，或接下其他志愿者让出的班。班长批准后换班才生效。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="418"/>
        <source>Your shifts ahead</source>
        <translation>我的排班（两周内）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="419"/>
        <source>Shifts you can take</source>
        <translation>可接的班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="427"/>
        <source>Offer</source>
        <translation>让出</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="427"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="429"/>
        <source>No rota shifts in the next two weeks</source>
        <translation>两周内没有您的排班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="436"/>
        <source>Take</source>
        <translation>接班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="438"/>
        <source>No shifts offered right now</source>
        <translation>目前没有待接的班</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rota/ui/pages.py" line="439"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>TakerPhonePage</name>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="284"/>
        <source>Who took the roll call?</source>
        <translation>谁完成了这次清点？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="285"/>
        <source>Scan your badge, or enter your phone number.</source>
        <translation>请扫描您的工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/rollcall/ui/pages.py" line="287"/>
        <source>A volunteer checked in now confirms it; the roll call is then recorded.</source>
        <translation>须为当前已签到的志愿者。确认后即记录本次清点。</translation>
    </message>
</context>
<context>
    <name>TextEntryPage</name>
    <message>
        <location filename="../../kiosk/platform/ui/pages/text_entry.py" line="161"/>
        <source>ABC</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/text_entry.py" line="162"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/text_entry.py" line="163"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/pages/text_entry.py" line="164"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>TicketLookupPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="131"/>
        <source>Check my ticket</source>
        <translation>查询我的单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="132"/>
        <source>Type your 6-digit ticket number, or scan its QR code.</source>
        <translation>请输入 6 位单号，或扫描单号二维码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="133"/>
        <source>For help requests and for needs and wishes.</source>
        <translation>求助单和诉求心愿都可查询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="134"/>
        <source>6-digit ticket</source>
        <translation>6 位单号</translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="140"/>
        <source>Your ticket number</source>
        <translation>您的单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="141"/>
        <source>I have the number</source>
        <translation>我已记下单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="176"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
</context>
<context>
    <name>TicketStatusPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="336"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="337"/>
        <source>Our answer</source>
        <translation>我们的答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="339"/>
        <source>How was the help? Tap a face once you have been helped.</source>
        <translation>帮助怎么样？得到帮助后请点一个表情。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="369"/>
        <source>Ticket {ticket} · ordered {at}</source>
        <translation>单号 {ticket} · {at} 下单</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/ticket.py" line="375"/>
        <source>Ticket {ticket} · sent {at}</source>
        <translation>单号 {ticket} · {at} 提交</translation>
    </message>
</context>
<context>
    <name>TimetableFilesPage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="317"/>
        <source>Import a timetable</source>
        <translation>导入时刻表</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="320"/>
        <source>CSV or XLSX files in the export folder and on USB sticks. Columns: 车次, 终到站, 终到站英文, 开点 (HH:MM, station time); optional 运行日, 检票口, 候车室, 站台, 检票提前分钟.</source>
        <translation>导出文件夹和 U 盘中的 CSV 或 XLSX 文件。列：车次、终到站、终到站英文、开点（时:分，本站时间）；可选：运行日、检票口、候车室、站台、检票提前分钟。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="326"/>
        <source>No CSV or XLSX file in the export folder or on a USB stick. Copy the timetable from the passenger-information system onto a stick and plug it in.</source>
        <translation>导出文件夹和 U 盘中没有 CSV 或 XLSX 文件。请把客运信息系统导出的时刻表拷到 U 盘并插入本机。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="337"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="165"/>
        <source>Station Kiosk · self-service</source>
        <translation>驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="168"/>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="169"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="170"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="171"/>
        <location filename="../../kiosk/platform/ui/widgets/topbar.py" line="172"/>
        <source>Emergency</source>
        <translation>紧急求助</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="211"/>
        <source>Shift</source>
        <translation>大写</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="212"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="213"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="214"/>
        <source>Rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="215"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="215"/>
        <source>Write</source>
        <translation>手写</translation>
    </message>
    <message>
        <location filename="../../kiosk/platform/ui/widgets/touch_keyboard.py" line="215"/>
        <source>ABC</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>TrainNumberPage</name>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="38"/>
        <source>Your train number</source>
        <translation>您的车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="39"/>
        <source>Letter first if it has one, e.g. G1234 or K56.</source>
        <translation>有字母的先按字母，如 G1234、K56。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="40"/>
        <source>Optional. Back leaves it out.</source>
        <translation>选填。按返回即不填。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/requests/ui/entry.py" line="41"/>
        <source>e.g. G1234</source>
        <translation>如 G1234</translation>
    </message>
</context>
<context>
    <name>TrainSearchPage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="312"/>
        <source>Find my train</source>
        <translation>查找车次</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="313"/>
        <source>Type the train number, letter first: G1234, D56, K1.</source>
        <translation>输入车次，字母在前：G1234、D56、K1。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="314"/>
        <source>The first letters or digits are enough.</source>
        <translation>输入前几位即可。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/board.py" line="315"/>
        <source>e.g. G1234</source>
        <translation>如 G1234</translation>
    </message>
</context>
<context>
    <name>TrainStaffPage</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="162"/>
        <source>Train times</source>
        <translation>列车动态管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="173"/>
        <source>Delay…</source>
        <translation>晚点…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="174"/>
        <source>Gate…</source>
        <translation>检票口…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="178"/>
        <source>Reinstate</source>
        <translation>恢复运行</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="181"/>
        <source>Confirm cancel</source>
        <translation>确认停运</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="184"/>
        <source>Cancel train</source>
        <translation>停运</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="188"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="190"/>
        <source>No timetable, or no train still to leave today or tomorrow.</source>
        <translation>暂无时刻表，或今明两天没有待发车次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="188"/>
        <source>Earlier</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="188"/>
        <source>Later</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="192"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/trains/ui/staff.py" line="193"/>
        <source>Import timetable…</source>
        <translation>导入时刻表…</translation>
    </message>
</context>
<context>
    <name>TrainingFlow</name>
    <message>
        <location filename="../../kiosk/features/training/ui/flow.py" line="87"/>
        <source>Training…</source>
        <translation>培训记录…</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/flow.py" line="97"/>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/flow.py" line="113"/>
        <source>Certificates expired or expiring within 30 days</source>
        <translation>已过期或 30 天内到期的证书</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/flow.py" line="114"/>
        <source>None: every certificate is valid for more than 30 days</source>
        <translation>无：所有证书有效期都在 30 天以上</translation>
    </message>
</context>
<context>
    <name>TrainingFormPage</name>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="267"/>
        <source>Volunteer number</source>
        <translation>志愿者编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="268"/>
        <source>Training date (YYYY-MM-DD)</source>
        <translation>培训日期（年-月-日）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="269"/>
        <source>Trainer</source>
        <translation>培训人</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="270"/>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="271"/>
        <source>Expiry (YYYY-MM-DD, or empty)</source>
        <translation>有效期至（年-月-日，可留空）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="259"/>
        <source>Correct a training record</source>
        <translation>更正培训记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="260"/>
        <source>Record a training</source>
        <translation>登记培训</translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="vanished">返回</translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="vanished">保存</translation>
    </message>
</context>
<context>
    <name>TrainingListPage</name>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="181"/>
        <source>Training records of volunteers</source>
        <translation>志愿者培训记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="184"/>
        <source>First aid / AED, CPR, epidemic prevention and the station&apos;s induction. A wrong record is corrected or voided, never deleted.</source>
        <translation>急救 / AED、心肺复苏、防疫和驿站岗前培训。记录有误请更正或作废，不能删除。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="197"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="198"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="200"/>
        <source>No training recorded yet</source>
        <translation>还没有培训记录</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="vanished">上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="vanished">下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="202"/>
        <source>Why is this record voided?</source>
        <translation>为什么作废这条记录？</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="205"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="206"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/training/ui/pages.py" line="207"/>
        <source>Record a training…</source>
        <translation>登记培训…</translation>
    </message>
</context>
<context>
    <name>TrainsFlow</name>
    <message>
        <location filename="../../kiosk/features/trains/ui/flow.py" line="213"/>
        <source>Train times…</source>
        <translation>列车动态…</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="60"/>
        <source>Slot locked: volunteer unlock</source>
        <translation>充电位已锁定：志愿者解锁</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="64"/>
        <source>Too many wrong codes on %1. A volunteer on duty enters their PIN.</source>
        <translation>%1取件码错误次数过多。请值班志愿者输入密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="67"/>
        <source>The admin PIN works too.</source>
        <translation>也可以使用管理员密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/charging/ui/entry.py" line="68"/>
        <source>Volunteer PIN</source>
        <translation>志愿者密码</translation>
    </message>
</context>
<context>
    <name>VolunteersFlow</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/flow.py" line="75"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="163"/>
        <source>Active</source>
        <translation>在册</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="163"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>team leader</source>
        <translation type="vanished">组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="213"/>
        <source>Remove team leader</source>
        <translation>取消组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="213"/>
        <source>Make team leader</source>
        <translation>设为组长</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="225"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="228"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="229"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="230"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="231"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="232"/>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="235"/>
        <source>Add a volunteer</source>
        <translation>添加志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="236"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="237"/>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="209"/>
        <source>Print badge</source>
        <translation>打印工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="183"/>
        <source>Setup code expired</source>
        <translation>设置码已过期</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="184"/>
        <source>Setup code waiting (until %1)</source>
        <translation>设置码待用（%1 前）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="189"/>
        <source>No badge</source>
        <translation>无工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="191"/>
        <source>valid to %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="209"/>
        <source>Reprint badge</source>
        <translation>补打工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="238"/>
        <source>Revoke badge</source>
        <translation>作废工牌</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="239"/>
        <source>Tap a volunteer in the list, then an action.</source>
        <translation>在列表中点选一位志愿者，再选择操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/volunteers/ui/admin.py" line="240"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>WishAnswerPage</name>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="206"/>
        <source>Mark in progress</source>
        <translation>标记为办理中</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="207"/>
        <source>Send typed answer</source>
        <translation>发送输入的答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="208"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="210"/>
        <source>Or type a short answer</source>
        <translation>或输入简短答复</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="218"/>
        <source>(no text)</source>
        <translation>（无文字）</translation>
    </message>
</context>
<context>
    <name>WishCategoryPage</name>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="31"/>
        <source>Needs and wishes</source>
        <translation>诉求和微心愿</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="33"/>
        <source>Tell the station what you need or wish for. Anonymous unless you add a phone.</source>
        <translation>告诉驿站您的需要或心愿。不留电话即为匿名。</translation>
    </message>
</context>
<context>
    <name>WishTextPage</name>
    <message>
        <source>Optional: a few words in English or pinyin, then Send. Anonymous by default.</source>
        <translation type="vanished">选填：用英文或拼音写几句，然后按发送。默认匿名。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="106"/>
        <source>Optional: a few words (pinyin, handwriting or English), then Send. Anonymous by default.</source>
        <translation>选填：用拼音、手写或英文写几句，然后按发送。默认匿名。</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="111"/>
        <source>Type here (optional)</source>
        <translation>在此输入（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="113"/>
        <source>Phone: %1</source>
        <translation>手机号：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="115"/>
        <source>Add a phone (optional)</source>
        <translation>留下手机号（选填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="117"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../kiosk/features/wishes/ui/pages.py" line="118"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
</TS>
