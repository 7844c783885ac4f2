<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="84" />
        <source>Offset your footprint here</source>
        <translation>在这里抵消您的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="87" />
        <source>Work out the carbon footprint of your trip, stay or meal in a minute, and offset it with local projects.</source>
        <translation>一分钟算出您出行、住宿或用餐的碳足迹，并通过本地减排项目抵消。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="94" />
        <source>Touch to start</source>
        <translation>点击开始</translation>
    </message>
</context>
<context>
    <name>CertificateScreen</name>
    <message>
        <location filename="../../ui/screens/certificate.py" line="107" />
        <source>Your carbon-neutral certificate</source>
        <translation>您的碳中和证书</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="108" />
        <source>Scan with your phone to keep your certificate</source>
        <translation>用手机扫码保存您的证书</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="109" />
        <source>Share image, on your certificate page</source>
        <translation>分享图片（在证书页面中）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="110" />
        <source>See the ranking</source>
        <translation>查看排行榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="111" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="112" />
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="114" />
        <source>Printing your slip…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="115" />
        <source>Your slip is printed: take it from the printer.</source>
        <translation>凭条已打印，请从打印机取走。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="117" />
        <source>The slip could not be printed. Ask the cashier: they can print it later.</source>
        <translation>凭条未能打印。请联系收银员，稍后可以补打。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="119" />
        <source>No printer at this kiosk: keep the QR code on your phone.</source>
        <translation>本机没有打印机：请用手机保存二维码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="130" />
        <source>{mass} CO₂e offset</source>
        <translation>已抵消 {mass} 二氧化碳当量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="132" />
        <source>Certificate {serial}</source>
        <translation>证书编号 {serial}</translation>
    </message>
</context>
<context>
    <name>CityPicker</name>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="76" />
        <source>Type a city: 成都, chengdu…</source>
        <translation>输入城市：成都、chengdu…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="90" />
        <source>Matches</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="90" />
        <source>No city found</source>
        <translation>没有找到这个城市</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="93" />
        <source>Popular here</source>
        <translation>常见出发城市</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="110" />
        <source>No city chosen yet</source>
        <translation>尚未选择城市</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="46" />
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="48" />
        <source>Starting over in {seconds} s; your answers will be cleared.</source>
        <translation>{seconds} 秒后将重新开始，您的回答会被清除。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="52" />
        <source>I'm still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/window.py" line="177" />
        <source>Diandian · carbon neutral</source>
        <translation>点点碳中和</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="180" />
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="181" />
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="182" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="183" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="184" />
        <source>Name</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="185" />
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="186" />
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
</context>
<context>
    <name>NicknameScreen</name>
    <message>
        <location filename="../../ui/screens/nickname.py" line="58" />
        <source>Your name on the certificate</source>
        <translation>证书上的名字</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="61" />
        <source>Optional: a nickname shown on your certificate and in the ranking (up to {n} characters). Tap 中/EN to switch input.</source>
        <translation>可选：昵称会显示在证书和排行榜上（最多 {n} 个字）。点击“中/EN”切换输入法。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="65" />
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="67" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="68" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="69" />
        <source>Continue ›</source>
        <translation>继续 ›</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="50" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <location filename="../../ui/screens/order.py" line="86" />
        <source>Pay at the counter</source>
        <translation>请到柜台付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="87" />
        <source>Your order code</source>
        <translation>您的订单号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="88" />
        <source>For the cashier's scanner</source>
        <translation>供收银员扫码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="91" />
        <source>Show this code at the counter. This screen moves on by itself once you have paid.</source>
        <translation>请在柜台出示此订单号。付款后本页面会自动继续。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="94" />
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="95" />
        <source>Pay by card or phone here</source>
        <translation>在此刷卡或手机支付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="98" />
        <source>Follow the instructions on the payment terminal…</source>
        <translation>请按支付终端上的提示操作…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="100" />
        <source>The payment did not go through. Try again, or pay at the counter.</source>
        <translation>支付未成功。请重试，或到柜台付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="108" />
        <source>Amount: {amount}</source>
        <translation>金额：{amount}</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="45" />
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="45" />
        <source>Sorry, something went wrong</source>
        <translation>抱歉，出了点问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="49" />
        <source>This kiosk cannot record sales right now. Please ask the staff for help; nothing you paid for is lost.</source>
        <translation>本机暂时无法记录交易。请联系工作人员；您已付款的订单不会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="53" />
        <source>Please start again. If it happens again, ask the staff.</source>
        <translation>请重新开始。如果再次出现，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="56" />
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="58" />
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>PaidScreen</name>
    <message>
        <location filename="../../ui/screens/paid.py" line="74" />
        <source>Payment received. Thank you!</source>
        <translation>已收到付款，谢谢！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/paid.py" line="75" />
        <source>Preparing your certificate…</source>
        <translation>正在生成您的证书…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/paid.py" line="78" />
        <source>{amount} paid: {mass} CO₂e offset</source>
        <translation>已付 {amount}：抵消 {mass} 二氧化碳当量</translation>
    </message>
</context>
<context>
    <name>ProjectScreen</name>
    <message>
        <location filename="../../ui/screens/project.py" line="68" />
        <source>Forestry</source>
        <translation>林业碳汇</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="69" />
        <source>Solar power</source>
        <translation>光伏发电</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="70" />
        <source>Biogas</source>
        <translation>沼气</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="71" />
        <source>Wetland</source>
        <translation>湿地保护</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="76" />
        <source>Choose a project to offset with</source>
        <translation>选择一个减排项目</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="78" />
        <source>You are offsetting {mass} CO₂e.</source>
        <translation>您将抵消 {mass} 二氧化碳当量。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="81" />
        <source>That project has just sold out on this kiosk: please choose another.</source>
        <translation>该项目在本机的额度刚刚售罄，请选择其他项目。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="86" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="94" />
        <source>{price} per tonne</source>
        <translation>每吨 {price}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="95" />
        <source>{mass} left on this kiosk</source>
        <translation>本机剩余 {mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="96" />
        <source>You pay {amount}</source>
        <translation>您需支付 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="98" />
        <location filename="../../ui/screens/project.py" line="103" />
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/screens/question.py" line="131" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="131" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="167" />
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="168" />
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="169" />
        <source>nights</source>
        <translation>晚</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="170" />
        <source>meals</source>
        <translation>顿</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="171" />
        <source>flights</source>
        <translation>次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="183" />
        <source>Search by Chinese, pinyin or English, or tap a popular city.</source>
        <translation>可用中文、拼音或英文搜索，或点选常见城市。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="185" />
        <source>From {low} to {high} {unit}</source>
        <translation>{low} 至 {high} {unit}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="189" />
        <source>leave blank to work it out from the cities</source>
        <translation>留空则按城市间距离计算</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="191" />
        <source>Tap one</source>
        <translation>请选择一项</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="194" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="195" />
        <source>Skip to my result</source>
        <translation>直接查看结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="203" />
        <source>See my footprint ›</source>
        <translation>查看我的碳足迹 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="203" />
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="206" />
        <source>Question {n} of {count}</source>
        <translation>第 {n} 题，共 {count} 题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="218" />
        <source>Footprint so far: —</source>
        <translation>当前碳足迹：—</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="221" />
        <source>Footprint so far: {mass} CO₂e</source>
        <translation>当前碳足迹：{mass} 二氧化碳当量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="227" />
        <source>This one needs an answer.</source>
        <translation>这一题必须回答。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="228" />
        <source>Choose a city from the list.</source>
        <translation>请从列表中选择城市。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="230" />
        <source>That way of travelling does not fit this distance: choose another one.</source>
        <translation>这种交通方式不适合这段距离，请另选一种。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="232" />
        <source>You start in the destination city: enter the distance.</source>
        <translation>出发地就是目的地，请输入距离。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="233" />
        <source>Enter at least one amount above zero.</source>
        <translation>请至少填写一项大于零的数量。</translation>
    </message>
</context>
<context>
    <name>RankingScreen</name>
    <message>
        <location filename="../../ui/screens/ranking.py" line="70" />
        <source>Ranking</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="72" />
        <source>Today here</source>
        <translation>今日本场</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="73" />
        <source>This event</source>
        <translation>本次活动</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="74" />
        <source>All time</source>
        <translation>历史总榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="78" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="84" />
        <source>No offsets yet: be the first!</source>
        <translation>还没有人抵消，快来做第一个！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="98" />
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="100" />
        <source>{name} (you)</source>
        <translation>{name}（您）</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="98" />
        <source>Everything else</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="102" />
        <source>‹ Change answers</source>
        <translation>‹ 修改回答</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="103" />
        <source>Choose a project ›</source>
        <translation>选择项目 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="104" />
        <source>Where it comes from</source>
        <translation>碳足迹来源</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="111" />
        <source>Your year's footprint</source>
        <translation>您一年的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="111" />
        <source>Your footprint</source>
        <translation>您的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="115" />
        <source>≈ driving {km} km alone in a petrol car</source>
        <translation>≈ 一个人开汽油车行驶 {km} 公里</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="124" />
        <source>Emission factors {version}: {sources}.</source>
        <translation>排放因子 {version}：{sources}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="131" />
        <source>That is {percent}% of the average in China ({average} per person a year).</source>
        <translation>相当于中国人均水平的 {percent}%（每人每年 {average}）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="135" />
        <source>Offset one month
{mass}</source>
        <translation>抵消一个月
{mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="138" />
        <source>Offset the whole year
{mass}</source>
        <translation>抵消一整年
{mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="143" />
        <source>Average: fossil CO₂ per person, China 2023 (Global Carbon Project).</source>
        <translation>人均水平：2023 年中国人均化石二氧化碳排放（全球碳计划）。</translation>
    </message>
</context>
<context>
    <name>ScenarioScreen</name>
    <message>
        <location filename="../../ui/screens/scenario.py" line="59" />
        <source>What would you like to offset?</source>
        <translation>您想抵消哪一项？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scenario.py" line="65" />
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="52" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="53" />
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="53" />
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="56" />
        <source>Signed in as {name} ({role}).</source>
        <translation>已登录：{name}（{role}）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="60" />
        <source>Back to the kiosk</source>
        <translation>返回自助机</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="61" />
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="82" />
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="84" />
        <source>Choose your name and enter your PIN.</source>
        <translation>请选择您的名字并输入 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="87" />
        <source>No staff account exists yet. Create one on this computer with: diandian accounts add NAME --role admin</source>
        <translation>还没有工作人员账号。请在本机上用以下命令创建：diandian accounts add 名字 --role admin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="92" />
        <source>Wrong PIN ({left} tries left).</source>
        <translation>PIN 码错误（还可尝试 {left} 次）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="93" />
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>错误次数过多，已锁定至 {until}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="96" />
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="97" />
        <source>Sign-in is not possible right now.</source>
        <translation>暂时无法登录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="101" />
        <source>‹ Back to the kiosk</source>
        <translation>‹ 返回自助机</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="98" />
        <source>space</source>
        <translation>空格</translation>
    </message>
</context>
</TS>
