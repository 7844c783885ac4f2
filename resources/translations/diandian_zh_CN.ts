<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPanel</name>
    <message>
        <location filename="../../ui/cashier/admin.py" line="49"/>
        <source>one-time token from the operator</source>
        <translation>运营方提供的一次性令牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="50"/>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="52"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="57"/>
        <source>Check ledger integrity</source>
        <translation>检查账本完整性</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="59"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="68"/>
        <source>(the default venue)</source>
        <translation>（默认场所）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="74"/>
        <source>the venue&apos;s</source>
        <translation>按场所设置</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="82"/>
        <source>host[:port], device, file path or CUPS queue</source>
        <translation>主机[:端口]、设备、文件路径或 CUPS 队列</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="87"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="90"/>
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="100"/>
        <source>Identity, enrolment and sync</source>
        <translation>身份、注册与同步</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="103"/>
        <source>Registry URL</source>
        <translation>登记中心网址</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="107"/>
        <source>Enrolment token</source>
        <translation>注册令牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="109"/>
        <source>Ledger</source>
        <translation>账本</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="118"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="120"/>
        <source>Venue</source>
        <translation>场所</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="121"/>
        <source>Idle timeout (s)</source>
        <translation>空闲超时（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="125"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="130"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="157"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="160"/>
        <source>Kiosk {kiosk}; registry {registry}.
Last successful sync: {ok}. Queue: {queue} record(s) to send, {rejected} rejected.
Last error: {error}</source>
        <translation>终端 {kiosk}；登记中心 {registry}。
上次成功同步：{ok}。待发送 {queue} 条，被拒 {rejected} 条。
上次错误：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="164"/>
        <source>(not enrolled)</source>
        <translation>（未注册）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="168"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="177"/>
        <source>Backups in {folder}: {names}</source>
        <translation>{folder} 中的备份：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="179"/>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="214"/>
        <source>The ledger is sound.</source>
        <translation>账本完好。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="229"/>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="282"/>
        <source>Settings saved; the kiosk uses them at its next start.</source>
        <translation>设置已保存；终端下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="302"/>
        <source>Enter the registry URL and the token.</source>
        <translation>请输入登记中心网址和令牌。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="318"/>
        <source>Started…</source>
        <translation>已开始…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="340"/>
        <source>{job}: done.</source>
        <translation>{job}：完成。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/admin.py" line="340"/>
        <source>{job}: failed (status {code}).</source>
        <translation>{job}：失败（状态 {code}）。</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="76"/>
        <source>Offset your footprint here</source>
        <translation>在这里抵消您的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="79"/>
        <source>Work out the carbon footprint of your trip, stay or meal in a minute, and offset it with local projects.</source>
        <translation>一分钟算出您出行、住宿或用餐的碳足迹，并通过本地减排项目抵消。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="86"/>
        <source>Touch to start</source>
        <translation>点击开始</translation>
    </message>
</context>
<context>
    <name>BackupRestore</name>
    <message>
        <location filename="../../ui/cashier/restore.py" line="70"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="112"/>
        <source>Comparing the backup with the ledger…</source>
        <translation>正在将备份与账本比对…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="129"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="139"/>
        <source>Restored {backup}. New certificates continue from serial {serial}.</source>
        <translation>已从 {backup} 恢复。新证书编号从 {serial} 继续。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="144"/>
        <source>The previous ledger is kept as {kept}.</source>
        <translation>原账本已保留为 {kept}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="148"/>
        <source>The damaged file was moved aside: a kiosk that had it open is out of service until &quot;try again&quot; is pressed or it restarts.</source>
        <translation>损坏的文件已移到一旁：曾打开它的终端将暂停服务，直到按下“重试”或重新启动。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="154"/>
        <source>Warning: the restored ledger does not verify: {problem}</source>
        <translation>警告：恢复后的账本未通过检查：{problem}</translation>
    </message>
</context>
<context>
    <name>Cashier</name>
    <message>
        <location filename="../../ui/cashier/common.py" line="81"/>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>PIN 错误（还剩 {left} 次）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="85"/>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>PIN 错误次数过多：锁定至 {until}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="89"/>
        <source>No order with that code.</source>
        <translation>没有该订单号的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="91"/>
        <source>That order cannot be changed now: {reason}</source>
        <translation>该订单现在无法更改：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="95"/>
        <source>Amount: {reason}</source>
        <translation>金额：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="99"/>
        <source>Only an administrator may do that.</source>
        <translation>只有管理员可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="101"/>
        <source>Not printed: {reason}. The order stays paid; reprint it later.</source>
        <translation>未打印：{reason}。订单仍为已付，请稍后补打。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="105"/>
        <source>The ledger cannot be used: {reason}</source>
        <translation>账本无法使用：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/common.py" line="111"/>
        <source>Something went wrong ({kind}); the details are in the log.</source>
        <translation>出现问题（{kind}）；详情见日志。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printing.py" line="42"/>
        <source>Slip printed on {printer}.</source>
        <translation>凭条已在 {printer} 打印。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printing.py" line="74"/>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <location filename="../../ui/cashier/window.py" line="54"/>
        <source>Diandian cashier</source>
        <translation>点点收银台</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="67"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="99"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="99"/>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="101"/>
        <source>Signed in as {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="112"/>
        <source>Orders to pay</source>
        <translation>待付订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="113"/>
        <source>Paid, slips and voids</source>
        <translation>已付、凭条与作废</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="125"/>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="126"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="134"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="135"/>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="136"/>
        <source>Emission factors</source>
        <translation>排放因子</translation>
    </message>
</context>
<context>
    <name>CertificateScreen</name>
    <message>
        <location filename="../../ui/screens/certificate.py" line="107"/>
        <source>Your carbon-neutral certificate</source>
        <translation>您的碳中和证书</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="108"/>
        <source>Scan with your phone to keep your certificate</source>
        <translation>用手机扫码保存您的证书</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="109"/>
        <source>Share image, on your certificate page</source>
        <translation>分享图片（在证书页面中）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="110"/>
        <source>See the ranking</source>
        <translation>查看排行榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="111"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="112"/>
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="114"/>
        <source>Printing your slip…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="115"/>
        <source>Your slip is printed: take it from the printer.</source>
        <translation>凭条已打印，请从打印机取走。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="117"/>
        <source>The slip could not be printed. Ask the cashier: they can print it later.</source>
        <translation>凭条未能打印。请联系收银员，稍后可以补打。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="119"/>
        <source>No printer at this kiosk: keep the QR code on your phone.</source>
        <translation>本机没有打印机：请用手机保存二维码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="130"/>
        <source>{mass} CO₂e offset</source>
        <translation>已抵消 {mass} 二氧化碳当量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/certificate.py" line="132"/>
        <source>Certificate {serial}</source>
        <translation>证书编号 {serial}</translation>
    </message>
</context>
<context>
    <name>CityPicker</name>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="78"/>
        <source>Type a city: 成都, chengdu…</source>
        <translation>输入城市：成都、chengdu…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="92"/>
        <source>Matches</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="92"/>
        <source>No city found</source>
        <translation>没有找到这个城市</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="95"/>
        <source>Popular here</source>
        <translation>常见出发城市</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/citypicker.py" line="123"/>
        <source>No city chosen yet</source>
        <translation>尚未选择城市</translation>
    </message>
</context>
<context>
    <name>FactorsPanel</name>
    <message>
        <location filename="../../ui/cashier/factors.py" line="41"/>
        <source>Filter, e.g. meal or grid</source>
        <translation>筛选，例如 meal 或 grid</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="44"/>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="44"/>
        <source>kg CO₂e</source>
        <translation>千克 CO₂e</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="44"/>
        <source>per</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="51"/>
        <source>kg CO₂e per unit, e.g. 0.5306</source>
        <translation>每单位千克 CO₂e，例如 0.5306</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="52"/>
        <source>who published the number</source>
        <translation>发布该数值的机构</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="53"/>
        <source>which table or report</source>
        <translation>哪份数据表或报告</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="56"/>
        <source>why this kiosk differs</source>
        <translation>本终端为何不同</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="57"/>
        <source>Use this value here</source>
        <translation>在本终端使用此数值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="60"/>
        <source>Back to the table&apos;s value</source>
        <translation>恢复因子表数值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="66"/>
        <source>Local value</source>
        <translation>本地数值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="67"/>
        <source>Publisher</source>
        <translation>发布机构</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="68"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="69"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="70"/>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="71"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="111"/>
        <source>(local)</source>
        <translation>（本地）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="111"/>
        <source>(not applied)</source>
        <translation>（未生效）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="131"/>
        <source>Choose a factor.</source>
        <translation>请选择一个因子。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="135"/>
        <source>{name}: {value} kg CO₂e per {unit} in table {version}. Source: {source}</source>
        <translation>{name}：因子表 {version} 中为每 {unit} {value} 千克 CO₂e。来源：{source}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="147"/>
        <source>Here: {value} ({share:.0%} of the table&apos;s), {publisher}, {dataset} ({year}) {url}; set by {who} at {when}: {why}</source>
        <translation>本终端：{value}（为因子表数值的 {share:.0%}），{publisher}，{dataset}（{year}）{url}；由 {who} 于 {when} 设置：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="162"/>
        <source>Not applied: the table&apos;s value has moved more than {span}× away from it since it was set. Set it again or go back to the table&apos;s value.</source>
        <translation>未生效：设置之后，因子表数值已偏离它超过 {span} 倍。请重新设置，或恢复因子表数值。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="200"/>
        <source>{factor} is now {value} on this kiosk, from the next customer.</source>
        <translation>{factor} 在本终端现为 {value}，从下一位顾客起生效。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/factors.py" line="211"/>
        <source>{factor} is back at the table&apos;s value.</source>
        <translation>{factor} 已恢复为因子表数值。</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="46"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="48"/>
        <source>Starting over in {seconds} s; your answers will be cleared.</source>
        <translation>{seconds} 秒后将重新开始，您的回答会被清除。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/idleprompt.py" line="52"/>
        <source>I&apos;m still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/window.py" line="177"/>
        <source>Diandian · carbon neutral</source>
        <translation>点点碳中和</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="180"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="181"/>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="182"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="183"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="184"/>
        <source>Name</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="185"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="186"/>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="253"/>
        <source>Cashier console</source>
        <translation>收银台</translation>
    </message>
</context>
<context>
    <name>NicknameScreen</name>
    <message>
        <location filename="../../ui/screens/nickname.py" line="58"/>
        <source>Your name on the certificate</source>
        <translation>证书上的名字</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="61"/>
        <source>Optional: a nickname shown on your certificate and in the ranking (up to {n} characters). Tap 中/EN to switch input.</source>
        <translation>可选：昵称会显示在证书和排行榜上（最多 {n} 个字）。点击“中/EN”切换输入法。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="65"/>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="67"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="68"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../ui/screens/nickname.py" line="69"/>
        <source>Continue ›</source>
        <translation>继续 ›</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="50"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>OrderScreen</name>
    <message>
        <location filename="../../ui/screens/order.py" line="86"/>
        <source>Pay at the counter</source>
        <translation>请到柜台付款</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="87"/>
        <source>Your order code</source>
        <translation>您的订单号</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="88"/>
        <source>For the cashier&apos;s scanner</source>
        <translation>供收银员扫码</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="91"/>
        <source>Show this code at the counter. This screen moves on by itself once you have paid.</source>
        <translation>请在柜台出示此订单号。付款后本页面会自动继续。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="94"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="95"/>
        <source>Pay by card or phone here</source>
        <translation>在此刷卡或手机支付</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="98"/>
        <source>Follow the instructions on the payment terminal…</source>
        <translation>请按支付终端上的提示操作…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="100"/>
        <source>The payment did not go through. Try again, or pay at the counter.</source>
        <translation>支付未成功。请重试，或到柜台付款。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/order.py" line="108"/>
        <source>Amount: {amount}</source>
        <translation>金额：{amount}</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../ui/cashier/orders.py" line="53"/>
        <source>Scan or type the order code, then Enter</source>
        <translation>扫描或输入订单号，然后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="58"/>
        <source>No order selected.</source>
        <translation>未选择订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="63"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="63"/>
        <source>Card</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="63"/>
        <source>Mobile</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="72"/>
        <source>Cash tendered (yuan)</source>
        <translation>实收现金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="77"/>
        <source>Mark paid</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="80"/>
        <source>Print slip</source>
        <translation>打印凭条</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="160"/>
        <source>Order {code} is {status}.</source>
        <translation>订单 {code} {status}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="182"/>
        <source>not yet placed</source>
        <translation>尚未下单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="183"/>
        <source>awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="184"/>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="185"/>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="186"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="192"/>
        <source>No order selected: scan a code or pick one.</source>
        <translation>未选择订单：请扫码或从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="195"/>
        <source>Order {code}: {offset} CO₂e, due {due} ({status})</source>
        <translation>订单 {code}：{offset} CO₂e，应付 {due}（{status}）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="218"/>
        <source>not an amount</source>
        <translation>不是有效金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="222"/>
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="224"/>
        <source>{short} short</source>
        <translation>还差 {short}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="248"/>
        <source>Paid: order {code}, certificate {serial}.</source>
        <translation>已收款：订单 {code}，证书 {serial}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="252"/>
        <source>Give change: {change}</source>
        <translation>请找零：{change}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/orders.py" line="273"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="45"/>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="45"/>
        <source>Sorry, something went wrong</source>
        <translation>抱歉，出了点问题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="49"/>
        <source>This kiosk cannot record sales right now. Please ask the staff for help; nothing you paid for is lost.</source>
        <translation>本机暂时无法记录交易。请联系工作人员；您已付款的订单不会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="53"/>
        <source>Please start again. If it happens again, ask the staff.</source>
        <translation>请重新开始。如果再次出现，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="56"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/screens/outofservice.py" line="58"/>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>PaidScreen</name>
    <message>
        <location filename="../../ui/screens/paid.py" line="66"/>
        <source>Payment received. Thank you!</source>
        <translation>已收到付款，谢谢！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/paid.py" line="67"/>
        <source>Preparing your certificate…</source>
        <translation>正在生成您的证书…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/paid.py" line="70"/>
        <source>{amount} paid: {mass} CO₂e offset</source>
        <translation>已付 {amount}：抵消 {mass} 二氧化碳当量</translation>
    </message>
</context>
<context>
    <name>PricesPanel</name>
    <message>
        <location filename="../../ui/cashier/prices.py" line="38"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="38"/>
        <source>Catalogue</source>
        <translation>目录价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="38"/>
        <source>Sold here at</source>
        <translation>本终端售价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="44"/>
        <source>yuan per tonne, e.g. 85 or 85.50</source>
        <translation>每吨元数，例如 85 或 85.50</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="45"/>
        <source>why (kept in the audit log)</source>
        <translation>原因（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="47"/>
        <source>Use this price</source>
        <translation>使用此价格</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="50"/>
        <source>Back to the catalogue price</source>
        <translation>恢复目录价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="56"/>
        <source>Local price</source>
        <translation>本地价格</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="57"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="65"/>
        <source>Orders already waiting keep their price. A catalogue pulled by sync does not replace a local price; go back to the catalogue price to follow it again.</source>
        <translation>已在等待付款的订单保持原价。同步拉取的目录不会覆盖本地价格；恢复目录价后才会再次跟随目录。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="93"/>
        <source>(local)</source>
        <translation>（本地）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="112"/>
        <source>No project in this ledger yet.</source>
        <translation>账本中还没有项目。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="114"/>
        <source>{name}: catalogue price {price} per tonne.</source>
        <translation>{name}：目录价每吨 {price}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="118"/>
        <source>Sold here at {price} since {when} (by {who}: {why}).</source>
        <translation>自 {when} 起在本终端以 {price} 出售（{who} 设置：{why}）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="133"/>
        <source>{name} now sells at {price} per tonne here.</source>
        <translation>{name} 现在在本终端以每吨 {price} 出售。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/prices.py" line="144"/>
        <source>{name} is back at the catalogue price.</source>
        <translation>{name} 已恢复目录价。</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <location filename="../../ui/cashier/printer.py" line="55"/>
        <source>Check status</source>
        <translation>检查状态</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="57"/>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="88"/>
        <source>Configured: {name} ({paper} mm, {mode}).</source>
        <translation>已配置：{name}（{paper} 毫米，{mode}）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="94"/>
        <source>No printer is configured (a [printer] table in {file}).</source>
        <translation>未配置打印机（在 {file} 中添加 [printer]）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="108"/>
        <source>Asking the printer how it is…</source>
        <translation>正在询问打印机状态…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="119"/>
        <source>{state}: {detail}</source>
        <translation>{state}：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="127"/>
        <source>The printer could not be checked: {reason}</source>
        <translation>无法检查打印机：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="135"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="136"/>
        <source>Paper low</source>
        <translation>纸将用尽</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="137"/>
        <source>Paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="138"/>
        <source>Cover open</source>
        <translation>盖子未关</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="139"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="140"/>
        <source>Printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="141"/>
        <source>Unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="142"/>
        <source>Status unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="143"/>
        <source>No printer configured</source>
        <translation>未配置打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="153"/>
        <source>Checked at {time}</source>
        <translation>检查时间：{time}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="168"/>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/printer.py" line="173"/>
        <source>{name} printed the test page.</source>
        <translation>{name} 已打印测试页。</translation>
    </message>
</context>
<context>
    <name>ProjectScreen</name>
    <message>
        <location filename="../../ui/screens/project.py" line="68"/>
        <source>Forestry</source>
        <translation>林业碳汇</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="69"/>
        <source>Solar power</source>
        <translation>光伏发电</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="70"/>
        <source>Biogas</source>
        <translation>沼气</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="71"/>
        <source>Wetland</source>
        <translation>湿地保护</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="76"/>
        <source>Choose a project to offset with</source>
        <translation>选择一个减排项目</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="78"/>
        <source>You are offsetting {mass} CO₂e.</source>
        <translation>您将抵消 {mass} 二氧化碳当量。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="81"/>
        <source>That project has just sold out on this kiosk: please choose another.</source>
        <translation>该项目在本机的额度刚刚售罄，请选择其他项目。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="86"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="94"/>
        <source>{price} per tonne</source>
        <translation>每吨 {price}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="95"/>
        <source>{mass} left on this kiosk</source>
        <translation>本机剩余 {mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="96"/>
        <source>You pay {amount}</source>
        <translation>您需支付 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/project.py" line="98"/>
        <location filename="../../ui/screens/project.py" line="103"/>
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <location filename="../../ui/screens/question.py" line="131"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="131"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="167"/>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="168"/>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="169"/>
        <source>nights</source>
        <translation>晚</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="170"/>
        <source>meals</source>
        <translation>顿</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="171"/>
        <source>flights</source>
        <translation>次</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="183"/>
        <source>Search by Chinese, pinyin or English, or tap a popular city.</source>
        <translation>可用中文、拼音或英文搜索，或点选常见城市。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="185"/>
        <source>From {low} to {high} {unit}</source>
        <translation>{low} 至 {high} {unit}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="189"/>
        <source>leave blank to work it out from the cities</source>
        <translation>留空则按城市间距离计算</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="191"/>
        <source>Tap one</source>
        <translation>请选择一项</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="194"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="195"/>
        <source>Skip to my result</source>
        <translation>直接查看结果</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="203"/>
        <source>See my footprint ›</source>
        <translation>查看我的碳足迹 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="203"/>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="206"/>
        <source>Question {n} of {count}</source>
        <translation>第 {n} 题，共 {count} 题</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="218"/>
        <source>Footprint so far: —</source>
        <translation>当前碳足迹：—</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="221"/>
        <source>Footprint so far: {mass} CO₂e</source>
        <translation>当前碳足迹：{mass} 二氧化碳当量</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="227"/>
        <source>This one needs an answer.</source>
        <translation>这一题必须回答。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="228"/>
        <source>Choose a city from the list.</source>
        <translation>请从列表中选择城市。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="230"/>
        <source>That way of travelling does not fit this distance: choose another one.</source>
        <translation>这种交通方式不适合这段距离，请另选一种。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="232"/>
        <source>You start in the destination city: enter the distance.</source>
        <translation>出发地就是目的地，请输入距离。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/question.py" line="233"/>
        <source>Enter at least one amount above zero.</source>
        <translation>请至少填写一项大于零的数量。</translation>
    </message>
</context>
<context>
    <name>RankingScreen</name>
    <message>
        <location filename="../../ui/screens/ranking.py" line="70"/>
        <source>Ranking</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="72"/>
        <source>Today here</source>
        <translation>今日本场</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="73"/>
        <source>This event</source>
        <translation>本次活动</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="74"/>
        <source>All time</source>
        <translation>历史总榜</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="78"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="84"/>
        <source>No offsets yet: be the first!</source>
        <translation>还没有人抵消，快来做第一个！</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="98"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ranking.py" line="100"/>
        <source>{name} (you)</source>
        <translation>{name}（您）</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../ui/cashier/report.py" line="42"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/report.py" line="44"/>
        <source>Save till PDF…</source>
        <translation>保存小票 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/report.py" line="46"/>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/report.py" line="53"/>
        <source>Business day (UTC+8)</source>
        <translation>营业日（UTC+8）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/report.py" line="108"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/report.py" line="125"/>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/cashier/restore.py" line="175"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="187"/>
        <source>paid orders lost</source>
        <translation>丢失的已付订单数</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="190"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="193"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="225"/>
        <source>Backup {name}, taken {time}.</source>
        <translation>备份 {name}，创建于 {time}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="230"/>
        <source>It passes the integrity check.</source>
        <translation>它通过了完整性检查。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="232"/>
        <source>It does NOT pass the integrity check: {problem}</source>
        <translation>它未通过完整性检查：{problem}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="235"/>
        <source>In the backup: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>备份中：{orders} 笔订单，{paid} 笔已付；最后证书编号 {serial}，最后订单序号 {seq}；最后更改于 {time}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="241"/>
        <source>In the ledger now: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>当前账本：{orders} 笔订单，{paid} 笔已付；最后证书编号 {serial}，最后订单序号 {seq}；最后更改于 {time}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="247"/>
        <source>The current ledger cannot be used: {reason}. Paid orders recorded since the backup cannot all be listed.</source>
        <translation>当前账本无法使用：{reason}。备份之后记录的已付订单无法全部列出。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="253"/>
        <source>{count} paid order(s) recorded after this backup will be lost from this kiosk ({registry} of them reached the registry; the others will exist only in the kept file):</source>
        <translation>此备份之后记录的 {count} 笔已付订单将从本终端丢失（其中 {registry} 笔已送达登记中心；其余仅存于保留的文件中）：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="260"/>
        <source>No paid order is lost: the backup has every one.</source>
        <translation>不会丢失已付订单：备份包含全部订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="264"/>
        <source>paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="264"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="265"/>
        <source>at the registry</source>
        <translation>已在登记中心</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="265"/>
        <source>not at the registry</source>
        <translation>未送达登记中心</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="266"/>
        <source>serial {serial} · order {code} · {amount} · {kind} {time} · {where}</source>
        <translation>证书编号 {serial} · 订单 {code} · {amount} · {kind} {time} · {where}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="281"/>
        <source>{count} unpaid order(s) will be dropped; those customers start again.</source>
        <translation>{count} 笔未付订单将被放弃；这些顾客需重新开始。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="285"/>
        <source>The current ledger is kept, as it is, beside it as {stem}.before-restore-&lt;time&gt;.sqlite.</source>
        <translation>当前账本将原样保留在旁边，名为 {stem}.before-restore-&lt;时间&gt;.sqlite。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="290"/>
        <source>New certificates continue from serial {serial} and order number {seq}, after the highest this kiosk is known to have issued: no number is ever used twice.</source>
        <translation>新证书从编号 {serial}、订单序号 {seq} 继续，接在本终端已知发出的最大编号之后：任何编号都不会重复使用。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="295"/>
        <source>Serials {first} to {last} are skipped; the audit log records the skip.</source>
        <translation>跳过证书编号 {first} 至 {last}；审计日志记录了此次跳号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="299"/>
        <source>The current ledger cannot be read, so {margin} more numbers are skipped in case it issued some after the backup.</source>
        <translation>当前账本无法读取，因此再跳过 {margin} 个编号，以防它在备份后发出过编号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="304"/>
        <source>Staff accounts added after the backup will be gone: {names}.</source>
        <translation>备份之后添加的员工账户将消失：{names}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="308"/>
        <source>The backup predates this kiosk&apos;s enrolment: enrol it again afterwards.</source>
        <translation>此备份早于本终端的注册：恢复后请重新注册。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="312"/>
        <source>This new, empty ledger (kiosk {new}) takes the backup&apos;s identity, kiosk {kiosk}.</source>
        <translation>这个新的空账本（终端 {new}）将采用备份的身份：终端 {kiosk}。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="320"/>
        <source>This backup does not pass the integrity check, so it is not restored from here (`diandian ledger restore --force` can, if you must).</source>
        <translation>此备份未通过完整性检查，因此不能在此恢复（如确有必要，可用 `diandian ledger restore --force`）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="324"/>
        <source>To restore anyway, type the number of paid orders that will be lost:</source>
        <translation>如仍要恢复，请输入将丢失的已付订单数：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/restore.py" line="325"/>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../../ui/screens/result.py" line="102"/>
        <source>kWh</source>
        <translation>度</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="102"/>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="104"/>
        <source>{name}: {value} kg CO₂ per {unit} ({year})</source>
        <translation>{name}：每{unit} {value} 千克二氧化碳（{year}年）</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="111"/>
        <source>Grid electricity used: {factors}.</source>
        <translation>所用电网排放因子：{factors}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="118"/>
        <source>Everything else</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="122"/>
        <source>‹ Change answers</source>
        <translation>‹ 修改回答</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="123"/>
        <source>Choose a project ›</source>
        <translation>选择项目 ›</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="124"/>
        <source>Where it comes from</source>
        <translation>碳足迹来源</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="131"/>
        <source>Your year&apos;s footprint</source>
        <translation>您一年的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="131"/>
        <source>Your footprint</source>
        <translation>您的碳足迹</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="135"/>
        <source>≈ driving {km} km alone in a petrol car</source>
        <translation>≈ 一个人开汽油车行驶 {km} 公里</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="143"/>
        <source>Emission factors {version}: {sources}.</source>
        <translation>排放因子 {version}：{sources}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="150"/>
        <source>That is {percent}% of the average in China ({average} per person a year).</source>
        <translation>相当于中国人均水平的 {percent}%（每人每年 {average}）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="154"/>
        <source>Offset one month
{mass}</source>
        <translation>抵消一个月
{mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="157"/>
        <source>Offset the whole year
{mass}</source>
        <translation>抵消一整年
{mass}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/result.py" line="162"/>
        <source>Average: fossil CO₂ per person, China 2023 (Global Carbon Project).</source>
        <translation>人均水平：2023 年中国人均化石二氧化碳排放（全球碳计划）。</translation>
    </message>
</context>
<context>
    <name>ScenarioScreen</name>
    <message>
        <location filename="../../ui/screens/scenario.py" line="59"/>
        <source>What would you like to offset?</source>
        <translation>您想抵消哪一项？</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scenario.py" line="65"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../ui/cashier/signin.py" line="30"/>
        <source>Diandian cashier: sign in</source>
        <translation>点点收银台：登录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/signin.py" line="35"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/signin.py" line="39"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/signin.py" line="73"/>
        <source>No staff account exists yet. Create one with: diandian accounts add NAME --role admin</source>
        <translation>还没有员工账户。请用以下命令创建：diandian accounts add NAME --role admin</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/signin.py" line="98"/>
        <source>The ledger cannot be used ({reason}). An administrator can sign in with the PIN of the newest backup ({backup}) and restore a backup from the administration tab.</source>
        <translation>账本无法使用（{reason}）。管理员可以用最新备份（{backup}）中的 PIN 登录，并在“管理”页恢复备份。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/signin.py" line="116"/>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
</context>
<context>
    <name>SlipsPanel</name>
    <message>
        <location filename="../../ui/cashier/slips.py" line="42"/>
        <source>Scan or type a code or serial, then Enter</source>
        <translation>扫描或输入订单号或证书号，然后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="48"/>
        <source>Print slip again</source>
        <translation>补打凭条</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="50"/>
        <source>Save A6 PDF…</source>
        <translation>保存 A6 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="52"/>
        <source>Reason for the refund (required)</source>
        <translation>退款原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="53"/>
        <source>Void (refund)</source>
        <translation>作废（退款）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="89"/>
        <source>{count} slip(s) to print again (listed first).</source>
        <translation>{count} 张凭条待补打（排在最前）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="91"/>
        <source>No failed or pending prints.</source>
        <translation>没有失败或待打印的凭条。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="109"/>
        <source>slip not printed here</source>
        <translation>未在此打印凭条</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="110"/>
        <source>⚠ slip pending</source>
        <translation>⚠ 凭条待打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="111"/>
        <source>⚠ PRINT FAILED</source>
        <translation>⚠ 打印失败</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="112"/>
        <source>slip printed</source>
        <translation>凭条已打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="132"/>
        <source>Choose a paid order.</source>
        <translation>请选择一个已付订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="135"/>
        <source>Order {code}, certificate {serial}: {amount} by {method}; {slip}</source>
        <translation>订单 {code}，证书 {serial}：{amount}，{method}；{slip}</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="152"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="163"/>
        <source>Save the certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="189"/>
        <source>A reason is required to void a paid order.</source>
        <translation>作废已付订单必须填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/slips.py" line="201"/>
        <source>Order {code} voided; refund {amount}.</source>
        <translation>订单 {code} 已作废；退款 {amount}。</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="52"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="53"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="53"/>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="56"/>
        <source>Signed in as {name} ({role}).</source>
        <translation>已登录：{name}（{role}）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="60"/>
        <source>Back to the kiosk</source>
        <translation>返回自助机</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="61"/>
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="86"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="89"/>
        <source>The ledger cannot be used ({reason}). An administrator can sign in with the PIN of the newest backup, to restore a backup from the cashier console.</source>
        <translation>账本无法使用（{reason}）。管理员可以用最新备份中的 PIN 登录，在收银台中恢复备份。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="93"/>
        <source>Choose your name and enter your PIN.</source>
        <translation>请选择您的名字并输入 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="96"/>
        <source>No staff account exists yet. Create one on this computer with: diandian accounts add NAME --role admin</source>
        <translation>还没有工作人员账号。请在本机上用以下命令创建：diandian accounts add 名字 --role admin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="101"/>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>PIN 码错误（还可尝试 {left} 次）。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="102"/>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>错误次数过多，已锁定至 {until}。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="105"/>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="106"/>
        <source>Sign-in is not possible right now.</source>
        <translation>暂时无法登录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="107"/>
        <source>Only an administrator can sign in while the ledger cannot be used.</source>
        <translation>账本无法使用时，只有管理员可以登录。</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staffsignin.py" line="111"/>
        <source>‹ Back to the kiosk</source>
        <translation>‹ 返回自助机</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="98"/>
        <source>space</source>
        <translation>空格</translation>
    </message>
</context>
</TS>
