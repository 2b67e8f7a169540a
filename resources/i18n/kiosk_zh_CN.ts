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
        <location filename="../../kiosk/ui/pages/admin.py" line="205"/>
        <source>Emergencies not yet acknowledged</source>
        <translation>尚未响应的紧急求助</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="206"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="207"/>
        <source>Acknowledge</source>
        <translation>确认响应</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="208"/>
        <source>Medicine box and AED</source>
        <translation>药箱与 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="209"/>
        <source>All in order</source>
        <translation>一切正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="210"/>
        <source>Incident records</source>
        <translation>急救记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="211"/>
        <source>New record</source>
        <translation>新增记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="212"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="213"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="214"/>
        <source>Void the record</source>
        <translation>确认作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="215"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="216"/>
        <source>VOID</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="217"/>
        <source>No records yet</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="255"/>
        <source>Not enrolled with a hub</source>
        <translation>尚未注册到中心</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="264"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="265"/>
        <source>Waiting: %1 · refused by the hub: %2</source>
        <translation>待同步：%1 条 · 中心拒收：%2 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="271"/>
        <source>Clock differs from the hub by %1 s</source>
        <translation>本机时钟与中心相差 %1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="276"/>
        <source>This kiosk was revoked by the hub; its records are kept.</source>
        <translation>本终端已被中心停用，本地记录全部保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="278"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="288"/>
        <source>Closed by the sweep</source>
        <translation>超时自动结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="292"/>
        <source>Station admin</source>
        <translation>站点管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="293"/>
        <source>Volunteer hours this month</source>
        <translation>本月志愿服务时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="296"/>
        <location filename="../../kiosk/ui/pages/admin.py" line="309"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="297"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="298"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="299"/>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="300"/>
        <source>Flagged</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="303"/>
        <source>Shifts flagged for review</source>
        <translation>待核查的班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="304"/>
        <source>Hours this month</source>
        <translation>本月时长</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="305"/>
        <source>Flagged shifts</source>
        <translation>待核查班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="306"/>
        <source>Phones charging</source>
        <translation>正在充电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="307"/>
        <source>Alerts and first aid</source>
        <translation>提醒与急救</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="309"/>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="309"/>
        <source>Checked out</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="309"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="311"/>
        <source>Close stale shifts</source>
        <translation>结束超时班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="312"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="313"/>
        <source>Review logs</source>
        <translation>查看日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="315"/>
        <source>Exit kiosk</source>
        <translation>退出终端程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/admin.py" line="316"/>
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
    <name>DailyCheckPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="450"/>
        <source>Daily check: medicine box and AED</source>
        <translation>每日检查：药箱与 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="451"/>
        <source>✓ I checked the medicine box today</source>
        <translation>✓ 我今天已检查药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="452"/>
        <source>AED status light</source>
        <translation>AED 状态指示灯</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="455"/>
        <source>Green (ready)</source>
        <translation>绿灯（正常）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="456"/>
        <source>Red / flashing</source>
        <translation>红灯 / 闪烁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="457"/>
        <source>Off</source>
        <translation>不亮</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="462"/>
        <source>Last check: %1</source>
        <translation>上次检查：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="464"/>
        <source>No check recorded yet</source>
        <translation>尚无检查记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="467"/>
        <source>Pads expire</source>
        <translation>电极片有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="467"/>
        <source>Battery expires</source>
        <translation>电池有效期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="468"/>
        <source>YYYYMMDD or YYYYMM</source>
        <translation>年年年年月月日日 或 年年年年月月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="471"/>
        <source>Save the check</source>
        <translation>保存检查</translation>
    </message>
</context>
<context>
    <name>DispensePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="225"/>
        <source>Give out medicine</source>
        <translation>发放药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="226"/>
        <source>Item</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="228"/>
        <source>Batch (the earliest expiry is chosen first)</source>
        <translation>批号（默认先用最早到期的）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="229"/>
        <source>Choose an item</source>
        <translation>请先选择药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="237"/>
        <source>%1 · use by %2 · %3 %4</source>
        <translation>%1 · %2 到期 · %3 %4</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="241"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="243"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="244"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="247"/>
        <source>Fever / pain</source>
        <translation>发热 / 疼痛</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="248"/>
        <source>Cold / cough</source>
        <translation>感冒 / 咳嗽</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="249"/>
        <source>Stomach</source>
        <translation>肠胃不适</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="250"/>
        <source>Cut / graze</source>
        <translation>割伤 / 擦伤</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="251"/>
        <source>Travel sickness</source>
        <translation>晕车晕船</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="252"/>
        <source>Heat</source>
        <translation>中暑</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="253"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="256"/>
        <source>Given to</source>
        <translation>发放对象</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="258"/>
        <source>Give out</source>
        <translation>发放</translation>
    </message>
</context>
<context>
    <name>DutyPhonePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="24"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="25"/>
        <source>Volunteer on duty</source>
        <translation>值班志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="26"/>
        <source>Scan your badge, or enter your phone number.</source>
        <translation>请扫描工牌，或输入手机号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="27"/>
        <source>Only a volunteer checked in now may do this.</source>
        <translation>仅限当前已签到的志愿者操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="28"/>
        <source>Enter phone number</source>
        <translation>输入手机号</translation>
    </message>
</context>
<context>
    <name>DutyPinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="45"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="46"/>
        <source>Your PIN</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="47"/>
        <source>4 to 8 digits. Shield the keypad with your hand.</source>
        <translation>4 至 8 位数字，输入时请用手遮挡。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="48"/>
        <source>Phone: {phone}</source>
        <translation>手机号：{phone}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="49"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
</context>
<context>
    <name>EmergencyFlow</name>
    <message>
        <location filename="../../kiosk/ui/pages/emergency_flow.py" line="102"/>
        <source>EMERGENCY at %1 since %2: a volunteer on duty, go now</source>
        <translation>紧急求助：%1（%2 起），请值班志愿者立即前往</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency_flow.py" line="103"/>
        <source>(+%1 more)</source>
        <translation>（另有 %1 条）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency_flow.py" line="104"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
</context>
<context>
    <name>EmergencyPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="173"/>
        <source>Call 120 now</source>
        <translation>立即拨打 120</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="181"/>
        <source>Nearest AED</source>
        <translation>最近的 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="185"/>
        <source>Using the AED</source>
        <translation>AED 使用步骤</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="187"/>
        <source>Open it and press the power button. Follow its voice.</source>
        <translation>打开 AED，按下电源键，按语音提示操作。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="188"/>
        <source>Bare the chest. Stick the pads as pictured.</source>
        <translation>露出胸部，按图贴好电极片。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="189"/>
        <source>Stand clear: nobody touches the person.</source>
        <translation>分析时所有人不要接触患者。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="190"/>
        <source>Press the flashing shock button if told, then start CPR.</source>
        <translation>提示除颤时按下闪烁的电击键，然后继续心肺复苏。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="194"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="195"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/emergency.py" line="196"/>
        <source>Record incident</source>
        <translation>登记急救情况</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="293"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="293"/>
        <source>Nobody is on duty right now.</source>
        <translation>目前暂无志愿者在岗。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="294"/>
        <source>since {time}</source>
        <translation>{time} 起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="294"/>
        <source>and {count} more</source>
        <translation>另有 {count} 人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="301"/>
        <source>{count} served today</source>
        <translation>今日已服务 {count} 人次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="307"/>
        <source>⚠ %1 phone(s) overdue at charging</source>
        <translation>⚠ %1 部手机充电超时未取</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="312"/>
        <source>+{count} more alerts</source>
        <translation>另有 {count} 条提醒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="323"/>
        <source>How can we help?</source>
        <translation>我们能为您做什么？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="324"/>
        <source>Tap a service to see where and when</source>
        <translation>点击服务，查看地点和时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="327"/>
        <location filename="../../kiosk/ui/pages/home.py" line="329"/>
        <source>Volunteer check-in / out</source>
        <translation>志愿者签到 / 签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="328"/>
        <source>Scan your badge, or use phone + PIN</source>
        <translation>扫描工牌，或使用手机号 + 密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/home.py" line="330"/>
        <source>Volunteers on duty</source>
        <translation>在岗志愿者</translation>
    </message>
</context>
<context>
    <name>Incident</name>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="345"/>
        <source>Just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="346"/>
        <source>10 min ago</source>
        <translation>10 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="347"/>
        <source>30 min ago</source>
        <translation>30 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="348"/>
        <source>1 hour ago</source>
        <translation>1 小时前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="351"/>
        <source>Waiting hall</source>
        <translation>候车大厅</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="352"/>
        <source>Platform</source>
        <translation>站台</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="353"/>
        <source>Entrance / exit</source>
        <translation>进出站口</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="354"/>
        <source>Station square</source>
        <translation>站前广场</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="355"/>
        <source>Rest station</source>
        <translation>暖心驿站</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="356"/>
        <source>Elsewhere</source>
        <translation>其他地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="359"/>
        <source>Fainted</source>
        <translation>晕倒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="360"/>
        <source>Fall / injury</source>
        <translation>摔倒 / 受伤</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="361"/>
        <source>Bleeding</source>
        <translation>出血</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="362"/>
        <source>Chest pain</source>
        <translation>胸痛</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="363"/>
        <source>Breathing trouble</source>
        <translation>呼吸困难</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="364"/>
        <source>Heatstroke</source>
        <translation>中暑</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="365"/>
        <source>Seizure</source>
        <translation>抽搐</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="366"/>
        <source>Feeling unwell</source>
        <translation>身体不适</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="367"/>
        <source>Something else</source>
        <translation>其他情况</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="370"/>
        <source>CPR</source>
        <translation>心肺复苏</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="371"/>
        <source>AED shock</source>
        <translation>AED 除颤</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="372"/>
        <source>Wound care</source>
        <translation>伤口处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="373"/>
        <source>Recovery position</source>
        <translation>复原卧位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="374"/>
        <source>Cooling</source>
        <translation>降温</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="375"/>
        <source>Rest and watch</source>
        <translation>休息观察</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="376"/>
        <source>Medicine given</source>
        <translation>给予药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="379"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="380"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="383"/>
        <source>Recovered, went on</source>
        <translation>已恢复，自行离开</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="384"/>
        <source>To hospital (120)</source>
        <translation>送医（120）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="385"/>
        <source>Family took over</source>
        <translation>家属接走</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="386"/>
        <source>Handed to police</source>
        <translation>移交警方</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="387"/>
        <source>Declined help</source>
        <translation>拒绝帮助</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="388"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="391"/>
        <source>Duplicate</source>
        <translation>重复登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="392"/>
        <source>Entered by mistake</source>
        <translation>误登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="393"/>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="273"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="277"/>
        <source>Incident record</source>
        <translation>急救登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="277"/>
        <source>Correct the record</source>
        <translation>更正急救记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="280"/>
        <source>Recorded by %1</source>
        <translation>登记人：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="282"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="283"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="284"/>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="285"/>
        <source>First aid given</source>
        <translation>采取的急救措施</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="286"/>
        <source>AED used</source>
        <translation>使用了 AED</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="287"/>
        <source>120 called</source>
        <translation>已拨打 120</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="288"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="289"/>
        <source>Who attended</source>
        <translation>在场志愿者</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="290"/>
        <source>Items used (taken from the medicine box)</source>
        <translation>使用的物品（从药箱扣除）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="303"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="304"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="310"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/incident.py" line="311"/>
        <source>Save record</source>
        <translation>保存记录</translation>
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
    <name>MedicineForm</name>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="91"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="92"/>
        <source>Volunteer: %1</source>
        <translation>志愿者：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="271"/>
        <source>Traveller</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="272"/>
        <source>Delivery rider</source>
        <translation>外卖骑手</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="273"/>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="274"/>
        <source>Sanitation worker</source>
        <translation>环卫工人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="275"/>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="276"/>
        <source>Elderly</source>
        <translation>老年人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="277"/>
        <source>Disabled</source>
        <translation>残障人士</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="278"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>MedicinePage</name>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="121"/>
        <source>None in the box</source>
        <translation>药箱内暂无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="124"/>
        <source>Expired %1: take out</source>
        <translation>%1 已过期，请取出</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="125"/>
        <source>Use by %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="128"/>
        <source>Medicine box</source>
        <translation>爱心药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="130"/>
        <source>Medicine is given out by the volunteer on duty. Please ask at the desk.</source>
        <translation>药品由值班志愿者发放，请到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="132"/>
        <source>Give out</source>
        <translation>发放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="133"/>
        <source>Restock</source>
        <translation>补充药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="134"/>
        <source>Daily check</source>
        <translation>每日检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="135"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="136"/>
        <source>+{count} more alerts</source>
        <translation>另有 {count} 条提醒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="141"/>
        <source>%1 %2 in stock</source>
        <translation>库存 %1 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine.py" line="144"/>
        <source>low</source>
        <translation>不足</translation>
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
    <name>RestockPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="370"/>
        <source>Restock the medicine box</source>
        <translation>补充药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="371"/>
        <source>Item</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="375"/>
        <source>Batch no.</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="376"/>
        <source>Use by</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="377"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="380"/>
        <source>Batch number (digits)</source>
        <translation>批号（数字）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="381"/>
        <source>YYYYMMDD or YYYYMM</source>
        <translation>年年年年月月日日 或 年年年年月月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="382"/>
        <source>How many units</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="386"/>
        <source>Add to the box</source>
        <translation>放入药箱</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/medicine_forms.py" line="388"/>
        <source>Take out expired batch %1 (%2)</source>
        <translation>取出过期批号 %1（%2）</translation>
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
    <name>StaffPinPage</name>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="68"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="69"/>
        <source>I am attending</source>
        <translation>我来处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="70"/>
        <source>Volunteer on duty: scan your badge or enter your PIN.</source>
        <translation>值班志愿者：请扫描工牌或输入密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="72"/>
        <source>The admin PIN works too. The alert then stops on every kiosk.</source>
        <translation>也可输入管理员密码。确认后所有终端的警报都会停止。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pages/duty_entry.py" line="74"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
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
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="146"/>
        <source>Station Kiosk · self-service</source>
        <translation>驿站自助终端</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="149"/>
        <source>Large text</source>
        <translation>大字</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="150"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="151"/>
        <location filename="../../kiosk/ui/widgets/topbar.py" line="152"/>
        <source>Emergency</source>
        <translation>紧急求助</translation>
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
</TS>
