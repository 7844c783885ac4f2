<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPanel</name>
    <message>
        <source>one-time token from the operator</source>
        <translation>运营方提供的一次性令牌</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Check ledger integrity</source>
        <translation>检查账本完整性</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>(the default venue)</source>
        <translation>（默认场所）</translation>
    </message>
    <message>
        <source>the venue&apos;s</source>
        <translation>按场所设置</translation>
    </message>
    <message>
        <source>host[:port], device, file path or CUPS queue</source>
        <translation>主机[:端口]、设备、文件路径或 CUPS 队列</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <source>Identity, enrolment and sync</source>
        <translation>身份、注册与同步</translation>
    </message>
    <message>
        <source>Registry URL</source>
        <translation>登记中心网址</translation>
    </message>
    <message>
        <source>Enrolment token</source>
        <translation>注册令牌</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>账本</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>场所</translation>
    </message>
    <message>
        <source>Idle timeout (s)</source>
        <translation>空闲超时（秒）</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Kiosk {kiosk}; registry {registry}.
Last successful sync: {ok}. Queue: {queue} record(s) to send, {rejected} rejected.
Last error: {error}</source>
        <translation>终端 {kiosk}；登记中心 {registry}。
上次成功同步：{ok}。待发送 {queue} 条，被拒 {rejected} 条。
上次错误：{error}</translation>
    </message>
    <message>
        <source>(not enrolled)</source>
        <translation>（未注册）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Ledger: {problem}</source>
        <translation>账本：{problem}</translation>
    </message>
    <message>
        <source>Backups in {folder}: {names}</source>
        <translation>{folder} 中的备份：{names}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>The ledger is sound.</source>
        <translation>账本完好。</translation>
    </message>
    <message>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <source>Settings saved; the kiosk uses them at its next start.</source>
        <translation>设置已保存；终端下次启动时生效。</translation>
    </message>
    <message>
        <source>Enter the registry URL and the token.</source>
        <translation>请输入登记中心网址和令牌。</translation>
    </message>
    <message>
        <source>Started…</source>
        <translation>已开始…</translation>
    </message>
    <message>
        <source>{job}: done.</source>
        <translation>{job}：完成。</translation>
    </message>
    <message>
        <source>{job}: done, but the registry rejected records (see `diandian sync --rejects`).</source>
        <translation>{job}：已完成，但登记中心拒收了部分记录（见 `diandian sync --rejects`）。</translation>
    </message>
    <message>
        <source>{job}: failed (status {code}).</source>
        <translation>{job}：失败（状态 {code}）。</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Offset your footprint here</source>
        <translation>在这里抵消您的碳足迹</translation>
    </message>
    <message>
        <source>Work out the carbon footprint of your trip, stay or meal in a minute, and offset it with local projects.</source>
        <translation>一分钟算出您出行、住宿或用餐的碳足迹，并通过本地减排项目抵消。</translation>
    </message>
    <message>
        <source>Touch to start</source>
        <translation>点击开始</translation>
    </message>
    <message>
        <source>Or scan with your phone</source>
        <translation>或用手机扫码</translation>
    </message>
    <message>
        <source>Attendees have offset {x} of the event&apos;s {y}</source>
        <translation>参会者已抵消本次活动 {y} 中的 {x}</translation>
    </message>
    <message>
        <source>the organiser {z}</source>
        <translation>主办方 {z}</translation>
    </message>
    <message>
        <source>(as of {time})</source>
        <translation>（截至 {time}）</translation>
    </message>
</context>
<context>
    <name>BackupRestore</name>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Comparing the backup with the ledger…</source>
        <translation>正在将备份与账本比对…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Restored {backup}. New certificates continue from serial {serial}.</source>
        <translation>已从 {backup} 恢复。新证书编号从 {serial} 继续。</translation>
    </message>
    <message>
        <source>The previous ledger is kept as {kept}.</source>
        <translation>原账本已保留为 {kept}。</translation>
    </message>
    <message>
        <source>The damaged file was moved aside: a kiosk that had it open is out of service until &quot;try again&quot; is pressed or it restarts.</source>
        <translation>损坏的文件已移到一旁：曾打开它的终端将暂停服务，直到按下“重试”或重新启动。</translation>
    </message>
    <message>
        <source>Warning: the restored ledger does not verify: {problem}</source>
        <translation>警告：恢复后的账本未通过检查：{problem}</translation>
    </message>
</context>
<context>
    <name>Cashier</name>
    <message>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>PIN 错误（还剩 {left} 次）。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>PIN 错误次数过多：锁定至 {until}。</translation>
    </message>
    <message>
        <source>No order with that code.</source>
        <translation>没有该订单号的订单。</translation>
    </message>
    <message>
        <source>That order cannot be changed now.</source>
        <translation>该订单现在不能修改。</translation>
    </message>
    <message>
        <source>The ledger cannot be used.</source>
        <translation>账本无法使用。</translation>
    </message>
    <message>
        <source>Only an administrator may do that.</source>
        <translation>只有管理员可以执行此操作。</translation>
    </message>
    <message>
        <source>Not printed: {reason}. The order stays paid; reprint it later.</source>
        <translation>未打印：{reason}。订单仍为已付，请稍后补打。</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}); the details are in the log.</source>
        <translation>出现问题（{kind}）；详情见日志。</translation>
    </message>
    <message>
        <source>Slip sent to {printer}, which did not confirm it: check it came out; it stays on the reprint list.</source>
        <translation>凭条已发送到 {printer}，但打印机未确认：请检查是否已打出；它仍在补打列表中。</translation>
    </message>
    <message>
        <source>Slip printed on {printer}.</source>
        <translation>凭条已在 {printer} 打印。</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <source>Diandian cashier</source>
        <translation>点点收银台</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>已登录：{name}（{role}）</translation>
    </message>
    <message>
        <source>Orders to pay</source>
        <translation>待付订单</translation>
    </message>
    <message>
        <source>Paid, slips and voids</source>
        <translation>已付、凭条与作废</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Emission factors</source>
        <translation>排放因子</translation>
    </message>
</context>
<context>
    <name>CertificateScreen</name>
    <message>
        <source>Scan with your phone to keep your certificate</source>
        <translation>用手机扫码保存您的证书</translation>
    </message>
    <message>
        <source>Share image, on your certificate page</source>
        <translation>分享图片（在证书页面中）</translation>
    </message>
    <message>
        <source>See the ranking</source>
        <translation>查看排行榜</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Printing your slip…</source>
        <translation>正在打印凭条…</translation>
    </message>
    <message>
        <source>Your slip is printed: take it from the printer.</source>
        <translation>凭条已打印，请从打印机取走。</translation>
    </message>
    <message>
        <source>Your slip was sent, but the printer did not confirm it. If nothing came out, print again or ask the cashier.</source>
        <translation>凭条已发送，但打印机没有确认。如果没有打出，请再打印一次或询问收银员。</translation>
    </message>
    <message>
        <source>The slip could not be printed. Ask the cashier: they can print it later.</source>
        <translation>凭条未能打印。请联系收银员，稍后可以补打。</translation>
    </message>
    <message>
        <source>No printer at this kiosk: keep the QR code on your phone.</source>
        <translation>本机没有打印机：请用手机保存二维码。</translation>
    </message>
    <message>
        <source>{caption}: {mass} CO₂e</source>
        <translation>{caption}：{mass} 二氧化碳当量</translation>
    </message>
    <message>
        <source>Certificate {serial}</source>
        <translation>证书编号 {serial}</translation>
    </message>
</context>
<context>
    <name>CityPicker</name>
    <message>
        <source>Type a city: 成都, chengdu…</source>
        <translation>输入城市：成都、chengdu…</translation>
    </message>
    <message>
        <source>No city is spelt like that. Did you mean:</source>
        <translation>没有这样拼写的城市。您要找的是：</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>No city found</source>
        <translation>没有找到这个城市</translation>
    </message>
    <message>
        <source>Popular here</source>
        <translation>常见出发城市</translation>
    </message>
    <message>
        <source>You are here</source>
        <translation>您所在的城市</translation>
    </message>
    <message>
        <source>No city chosen yet</source>
        <translation>尚未选择城市</translation>
    </message>
</context>
<context>
    <name>Claims</name>
    <message>
        <source>Carbon-neutral certificate</source>
        <translation>碳中和证书</translation>
    </message>
    <message>
        <source>Carbon offset certificate</source>
        <translation>碳抵消证书</translation>
    </message>
    <message>
        <source>Carbon credit purchase</source>
        <translation>碳信用购买凭证</translation>
    </message>
    <message>
        <source>Void certificate</source>
        <translation>已作废的证书</translation>
    </message>
    <message>
        <source>Purchased and retired</source>
        <translation>已购买并已注销</translation>
    </message>
    <message>
        <source>Purchased, retirement pending</source>
        <translation>已购买，等待注销</translation>
    </message>
    <message>
        <source>Refunded: this certificate is void</source>
        <translation>已退款：此证书作废</translation>
    </message>
    <message>
        <source>Offsets your whole footprint</source>
        <translation>抵消您的全部碳足迹</translation>
    </message>
    <message>
        <source>Offsets {pct} % of your footprint</source>
        <translation>抵消您碳足迹的 {pct}%</translation>
    </message>
    <message>
        <source>Offsets one month of your year ({pct} %)</source>
        <translation>抵消您一年中的一个月（{pct}%）</translation>
    </message>
    <message>
        <source>Offsets less than 1 % of your footprint</source>
        <translation>抵消您碳足迹的不到 1%</translation>
    </message>
    <message>
        <source>Bought for your whole footprint</source>
        <translation>购买量相当于您的全部碳足迹</translation>
    </message>
    <message>
        <source>Bought for {pct} % of your footprint</source>
        <translation>购买量相当于您碳足迹的 {pct}%</translation>
    </message>
    <message>
        <source>Bought for one month of your year ({pct} %)</source>
        <translation>购买量相当于您一年中的一个月（{pct}%）</translation>
    </message>
    <message>
        <source>Bought for less than 1 % of your footprint</source>
        <translation>购买量不到您碳足迹的 1%</translation>
    </message>
    <message>
        <source>Demo, not registered: the QR opens no web page</source>
        <translation>演示，未登记：二维码不打开网页</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>已抵消</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>已购买</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Retired credits</source>
        <translation>已注销的碳信用</translation>
    </message>
    <message>
        <source>Retirement reference</source>
        <translation>注销凭证号</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>受益人</translation>
    </message>
</context>
<context>
    <name>FactorsPanel</name>
    <message>
        <source>Filter, e.g. meal or grid</source>
        <translation>筛选，例如 meal 或 grid</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>kg CO₂e</source>
        <translation>千克 CO₂e</translation>
    </message>
    <message>
        <source>per</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>kg CO₂e per unit, e.g. 0.5306</source>
        <translation>每单位千克 CO₂e，例如 0.5306</translation>
    </message>
    <message>
        <source>who published the number</source>
        <translation>发布该数值的机构</translation>
    </message>
    <message>
        <source>which table or report</source>
        <translation>哪份数据表或报告</translation>
    </message>
    <message>
        <source>why this kiosk differs</source>
        <translation>本终端为何不同</translation>
    </message>
    <message>
        <source>Use this value here</source>
        <translation>在本终端使用此数值</translation>
    </message>
    <message>
        <source>Back to the table&apos;s value</source>
        <translation>恢复因子表数值</translation>
    </message>
    <message>
        <source>Local value</source>
        <translation>本地数值</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布机构</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>(local)</source>
        <translation>（本地）</translation>
    </message>
    <message>
        <source>(not applied)</source>
        <translation>（未生效）</translation>
    </message>
    <message>
        <source>Choose a factor.</source>
        <translation>请选择一个因子。</translation>
    </message>
    <message>
        <source>{name}: {value} kg CO₂e per {unit} in table {version}. Source: {source}</source>
        <translation>{name}：因子表 {version} 中为每 {unit} {value} 千克 CO₂e。来源：{source}</translation>
    </message>
    <message>
        <source>Here: {value} ({share:.0%} of the table&apos;s), {publisher}, {dataset} ({year}) {url}; set by {who} at {when}: {why}</source>
        <translation>本终端：{value}（为因子表数值的 {share:.0%}），{publisher}，{dataset}（{year}）{url}；由 {who} 于 {when} 设置：{why}</translation>
    </message>
    <message>
        <source>Not applied: the table&apos;s value has moved more than {span}× away from it since it was set. Set it again or go back to the table&apos;s value.</source>
        <translation>未生效：设置之后，因子表数值已偏离它超过 {span} 倍。请重新设置，或恢复因子表数值。</translation>
    </message>
    <message>
        <source>{factor} is now {value} on this kiosk, from the next customer.</source>
        <translation>{factor} 在本终端现为 {value}，从下一位顾客起生效。</translation>
    </message>
    <message>
        <source>{factor} is back at the table&apos;s value.</source>
        <translation>{factor} 已恢复为因子表数值。</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>Starting over in {seconds} s. Your order {code} stays payable at the counter until {until}.</source>
        <translation>{seconds} 秒后返回首页。您的订单 {code} 在 {until} 前仍可到柜台付款。</translation>
    </message>
    <message>
        <source>Starting over in {seconds} s; your answers will be cleared.</source>
        <translation>{seconds} 秒后将重新开始，您的回答会被清除。</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>我还在</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Diandian · carbon neutral</source>
        <translation>点点碳中和</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>not yet placed</source>
        <translation>尚未下单</translation>
    </message>
    <message>
        <source>awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>card</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <source>mobile payment</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>placed</source>
        <translation>下单</translation>
    </message>
    <message>
        <source>{tendered_fen} tendered is less than the {due_fen} due.</source>
        <translation>收到 {tendered_fen}，少于应付的 {due_fen}。</translation>
    </message>
    <message>
        <source>Type the cash tendered.</source>
        <translation>请输入收到的现金。</translation>
    </message>
    <message>
        <source>Type the amount in yuan, like 50 or 12.50.</source>
        <translation>请以元为单位输入金额，例如 50 或 12.50。</translation>
    </message>
    <message>
        <source>An amount has at most two decimals (fen).</source>
        <translation>金额最多两位小数（分）。</translation>
    </message>
    <message>
        <source>No order or certificate {ref} on this kiosk.</source>
        <translation>本机没有订单或证书 {ref}。</translation>
    </message>
    <message>
        <source>Certificate {ref} was issued by another kiosk ({kiosk}): look it up there.</source>
        <translation>证书 {ref} 由另一台终端（{kiosk}）签发，请在该终端查询。</translation>
    </message>
    <message>
        <source>Scan or type an order code or a certificate number.</source>
        <translation>请扫描或输入订单号或证书编号。</translation>
    </message>
    <message>
        <source>That order is {status}; it cannot be {action} now.</source>
        <translation>该订单{status}，现在不能再{action}。</translation>
    </message>
    <message>
        <source>A reason is required to void a paid order.</source>
        <translation>作废已付订单必须填写原因。</translation>
    </message>
    <message>
        <source>The reason can be at most {max} characters.</source>
        <translation>原因最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>That order is {status}; it has no slip.</source>
        <translation>该订单{status}，没有凭条。</translation>
    </message>
    <message>
        <source>No printer is set up here. An administrator can add one.</source>
        <translation>本机未设置打印机，请管理员添加。</translation>
    </message>
    <message>
        <source>The sales ledger file is missing.</source>
        <translation>销售账本文件不存在。</translation>
    </message>
    <message>
        <source>The sales ledger file is empty.</source>
        <translation>销售账本文件是空的。</translation>
    </message>
    <message>
        <source>The sales ledger file was removed while in use.</source>
        <translation>销售账本文件在使用中被删除。</translation>
    </message>
    <message>
        <source>The sales ledger file was replaced; the app must restart.</source>
        <translation>销售账本文件已被替换，需要重启程序。</translation>
    </message>
    <message>
        <source>The disk holding the sales ledger is read-only.</source>
        <translation>存放销售账本的磁盘为只读。</translation>
    </message>
    <message>
        <source>The sales ledger cannot be written (permissions).</source>
        <translation>销售账本无法写入（权限问题）。</translation>
    </message>
    <message>
        <source>The disk holding the sales ledger is full; nothing was lost.</source>
        <translation>存放销售账本的磁盘已满，没有数据丢失。</translation>
    </message>
    <message>
        <source>The sales ledger file is damaged; restore it from a backup.</source>
        <translation>销售账本文件已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <source>The sales ledger is busy in another program; try again.</source>
        <translation>销售账本正被其他程序占用，请重试。</translation>
    </message>
    <message>
        <source>The sales ledger cannot be read or written (disk error).</source>
        <translation>销售账本无法读写（磁盘错误）。</translation>
    </message>
    <message>
        <source>The sales ledger&apos;s disk does not support safe writing.</source>
        <translation>销售账本所在磁盘不支持安全写入。</translation>
    </message>
    <message>
        <source>The folder for the sales ledger cannot be created.</source>
        <translation>无法创建销售账本的文件夹。</translation>
    </message>
    <message>
        <source>The sales ledger cannot be created.</source>
        <translation>无法创建销售账本。</translation>
    </message>
    <message>
        <source>The sales ledger was written by a newer version of this app; update it.</source>
        <translation>销售账本由更新版本的应用写入；请更新本应用。</translation>
    </message>
    <message>
        <source>The sales ledger failed.</source>
        <translation>销售账本出错。</translation>
    </message>
</context>
<context>
    <name>NicknameScreen</name>
    <message>
        <source>Please choose another name: this one is not allowed.</source>
        <translation>请换一个昵称：这个昵称不允许使用。</translation>
    </message>
    <message>
        <source>Please type the company&apos;s registered name.</source>
        <translation>请输入单位的登记名称。</translation>
    </message>
    <message>
        <source>The invoice email does not look right: type one like name@example.com, or leave it empty.</source>
        <translation>接收发票的邮箱格式不对：请输入形如 name@example.com 的地址，或留空。</translation>
    </message>
    <message>
        <source>Character {n} ({c}) is never in a credit code: digits and capitals except I, O, S, V, Z.</source>
        <translation>第 {n} 位（{c}）不可能出现在统一社会信用代码中：只有数字和除 I、O、S、V、Z 以外的大写字母。</translation>
    </message>
    <message>
        <source>The 18th character does not fit the others: please check the code.</source>
        <translation>第 18 位校验码与前 17 位不符：请核对代码。</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters; {n} typed.</source>
        <translation>统一社会信用代码共 18 位，已输入 {n} 位。</translation>
    </message>
    <message>
        <source>What name should your certificate show?</source>
        <translation>证书上写什么名字？</translation>
    </message>
    <message>
        <source>Optional: a nickname shown on your certificate and in the ranking (up to {n} characters). Tap 中/EN to switch input.</source>
        <translation>可选：昵称会显示在证书和排行榜上（最多 {n} 个字）。点击“中/EN”切换输入法。</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Company name (as registered)</source>
        <translation>单位名称（与登记一致）</translation>
    </message>
    <message>
        <source>Unified social credit code (18)</source>
        <translation>统一社会信用代码（18位）</translation>
    </message>
    <message>
        <source>Email for the invoice (optional)</source>
        <translation>接收发票的邮箱（可不填）</translation>
    </message>
    <message>
        <source>Which company is buying?</source>
        <translation>哪家单位购买？</translation>
    </message>
    <message>
        <source>The certificate names the company; an invoice is requested with its name and unified social credit code, sent to the email if you give one. Tap a field to type in it.</source>
        <translation>证书上显示单位名称；将按单位名称和统一社会信用代码申请开具发票，如填写邮箱则发送至该邮箱。点选输入框后输入。</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Continue ›</source>
        <translation>继续 ›</translation>
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
    <name>OrderScreen</name>
    <message>
        <source>Cancel this order?</source>
        <translation>取消这个订单吗？</translation>
    </message>
    <message>
        <source>Order {code} ({amount}) will be cancelled and cannot be paid any more.</source>
        <translation>订单 {code}（{amount}）将被取消，之后不能再付款。</translation>
    </message>
    <message>
        <source>Yes, cancel it</source>
        <translation>是，取消订单</translation>
    </message>
    <message>
        <source>No, keep my order</source>
        <translation>不，保留订单</translation>
    </message>
    <message>
        <source>Pay at the counter</source>
        <translation>请到柜台付款</translation>
    </message>
    <message>
        <source>Your order code</source>
        <translation>您的订单号</translation>
    </message>
    <message>
        <source>For the cashier&apos;s scanner</source>
        <translation>供收银员扫码</translation>
    </message>
    <message>
        <source>Show this code at the counter. This screen moves on by itself once you have paid.</source>
        <translation>请在柜台出示此订单号。付款后本页面会自动继续。</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Pay by card or phone here</source>
        <translation>在此刷卡或手机支付</translation>
    </message>
    <message>
        <source>Follow the instructions on the payment terminal…</source>
        <translation>请按支付终端上的提示操作…</translation>
    </message>
    <message>
        <source>The payment did not go through. Try again, or pay at the counter.</source>
        <translation>支付未成功。请重试，或到柜台付款。</translation>
    </message>
    <message>
        <source>Footprint</source>
        <translation>碳足迹</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>抵消量</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Amount: {amount}</source>
        <translation>金额：{amount}</translation>
    </message>
    <message>
        <source>(none: anonymous)</source>
        <translation>（未填写：匿名）</translation>
    </message>
    <message>
        <source>A minimum of {minimum} applies to every order: the credits themselves cost {cost}.</source>
        <translation>每笔订单最低收费 {minimum}：碳信用本身的价格为 {cost}。</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <source>Scan or type the order code, then Enter</source>
        <translation>扫描或输入订单号，然后按回车</translation>
    </message>
    <message>
        <source>No order selected.</source>
        <translation>未选择订单。</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>移动支付</translation>
    </message>
    <message>
        <source>Cash tendered (yuan)</source>
        <translation>实收现金（元）</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印凭条</translation>
    </message>
    <message>
        <source>Order {code} is {status}.</source>
        <translation>订单 {code} {status}。</translation>
    </message>
    <message>
        <source>No order selected: scan a code or pick one.</source>
        <translation>未选择订单：请扫码或从列表中选择。</translation>
    </message>
    <message>
        <source>Order {code}: {offset} CO₂e, due {due} ({status})</source>
        <translation>订单 {code}：{offset} CO₂e，应付 {due}（{status}）</translation>
    </message>
    <message>
        <source>not an amount</source>
        <translation>不是有效金额</translation>
    </message>
    <message>
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
    <message>
        <source>{short} short</source>
        <translation>还差 {short}</translation>
    </message>
    <message>
        <source>Paid: order {code}, certificate {serial}.</source>
        <translation>已收款：订单 {code}，证书 {serial}。</translation>
    </message>
    <message>
        <source>Give change: {change}</source>
        <translation>请找零：{change}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Sorry, something went wrong</source>
        <translation>抱歉，出了点问题</translation>
    </message>
    <message>
        <source>This kiosk cannot record sales right now. Please ask the staff for help; nothing you paid for is lost.</source>
        <translation>本机暂时无法记录交易。请联系工作人员；您已付款的订单不会丢失。</translation>
    </message>
    <message>
        <source>Please start again. If it happens again, ask the staff.</source>
        <translation>请重新开始。如果再次出现，请联系工作人员。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>PaidScreen</name>
    <message>
        <source>Payment received. Thank you!</source>
        <translation>已收到付款，谢谢！</translation>
    </message>
    <message>
        <source>Preparing your certificate…</source>
        <translation>正在生成您的证书…</translation>
    </message>
    <message>
        <source>{amount} paid for {mass} CO₂e</source>
        <translation>已付 {amount}，购买 {mass} 二氧化碳当量</translation>
    </message>
</context>
<context>
    <name>PricesPanel</name>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>目录价</translation>
    </message>
    <message>
        <source>Sold here at</source>
        <translation>本终端售价</translation>
    </message>
    <message>
        <source>yuan per tonne, e.g. 85 or 85.50</source>
        <translation>每吨元数，例如 85 或 85.50</translation>
    </message>
    <message>
        <source>why (kept in the audit log)</source>
        <translation>原因（记入审计日志）</translation>
    </message>
    <message>
        <source>Use this price</source>
        <translation>使用此价格</translation>
    </message>
    <message>
        <source>Back to the catalogue price</source>
        <translation>恢复目录价</translation>
    </message>
    <message>
        <source>Local price</source>
        <translation>本地价格</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Orders already waiting keep their price. A catalogue pulled by sync does not replace a local price; go back to the catalogue price to follow it again.</source>
        <translation>已在等待付款的订单保持原价。同步拉取的目录不会覆盖本地价格；恢复目录价后才会再次跟随目录。</translation>
    </message>
    <message>
        <source>(local)</source>
        <translation>（本地）</translation>
    </message>
    <message>
        <source>No project in this ledger yet.</source>
        <translation>账本中还没有项目。</translation>
    </message>
    <message>
        <source>{name}: catalogue price {price} per tonne.</source>
        <translation>{name}：目录价每吨 {price}。</translation>
    </message>
    <message>
        <source>Sold here at {price} since {when} (by {who}: {why}).</source>
        <translation>自 {when} 起在本终端以 {price} 出售（{who} 设置：{why}）。</translation>
    </message>
    <message>
        <source>{name} now sells at {price} per tonne here.</source>
        <translation>{name} 现在在本终端以每吨 {price} 出售。</translation>
    </message>
    <message>
        <source>{name} is back at the catalogue price.</source>
        <translation>{name} 已恢复目录价。</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <source>Check status</source>
        <translation>检查状态</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Configured: {name} ({paper} mm, {mode}).</source>
        <translation>已配置：{name}（{paper} 毫米，{mode}）。</translation>
    </message>
    <message>
        <source>No printer is configured (a [printer] table in {file}).</source>
        <translation>未配置打印机（在 {file} 中添加 [printer]）。</translation>
    </message>
    <message>
        <source>Asking the printer how it is…</source>
        <translation>正在询问打印机状态…</translation>
    </message>
    <message>
        <source>{state}: {detail}</source>
        <translation>{state}：{detail}</translation>
    </message>
    <message>
        <source>The printer could not be checked: {reason}</source>
        <translation>无法检查打印机：{reason}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>纸将用尽</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>盖子未关</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Printer error</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>No printer configured</source>
        <translation>未配置打印机</translation>
    </message>
    <message>
        <source>Checked at {time}</source>
        <translation>检查时间：{time}</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <source>{name} printed the test page.</source>
        <translation>{name} 已打印测试页。</translation>
    </message>
</context>
<context>
    <name>ProjectScreen</name>
    <message>
        <source>Forestry</source>
        <translation>林业碳汇</translation>
    </message>
    <message>
        <source>Solar power</source>
        <translation>光伏发电</translation>
    </message>
    <message>
        <source>Biogas</source>
        <translation>沼气</translation>
    </message>
    <message>
        <source>Wetland</source>
        <translation>湿地保护</translation>
    </message>
    <message>
        <source>Which project would you like to support?</source>
        <translation>您想支持哪个项目？</translation>
    </message>
    <message>
        <source>No project here has {mass} left to sell. How much would you like to offset?</source>
        <translation>本机没有项目还剩 {mass} 可售。您想抵消多少？</translation>
    </message>
    <message>
        <source>One month of your year
{mass}</source>
        <translation>抵消一年中的一个月
{mass}</translation>
    </message>
    <message>
        <source>The most one project can cover
{mass}</source>
        <translation>单个项目最多可抵消
{mass}</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>自选数量</translation>
    </message>
    <message>
        <source>Type the amount in kg: from {low} to {high}.</source>
        <translation>请输入公斤数：{low} 至 {high}。</translation>
    </message>
    <message>
        <source>Offset this amount ›</source>
        <translation>抵消这个数量 ›</translation>
    </message>
    <message>
        <source>That amount cannot be offset here.</source>
        <translation>这个数量无法在本机抵消。</translation>
    </message>
    <message>
        <source>You are offsetting {mass} CO₂e.</source>
        <translation>您将抵消 {mass} 二氧化碳当量。</translation>
    </message>
    <message>
        <source>That project has just sold out on this kiosk: please choose another.</source>
        <translation>该项目在本机的额度刚刚售罄，请选择其他项目。</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>{price} per tonne</source>
        <translation>每吨 {price}</translation>
    </message>
    <message>
        <source>You pay {amount}</source>
        <translation>您需支付 {amount}</translation>
    </message>
    <message>
        <source>Sold out</source>
        <translation>已售罄</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>晚</translation>
    </message>
    <message>
        <source>meals</source>
        <translation>顿</translation>
    </message>
    <message>
        <source>flights</source>
        <translation>次</translation>
    </message>
    <message>
        <source>Search by Chinese, pinyin or English, or tap a popular city.</source>
        <translation>可用中文、拼音或英文搜索，或点选常见城市。</translation>
    </message>
    <message>
        <source>From {low} to {high} {unit}</source>
        <translation>{low} 至 {high} {unit}</translation>
    </message>
    <message>
        <source>leave blank to work it out from the cities</source>
        <translation>留空则按城市间距离计算</translation>
    </message>
    <message>
        <source>Tap one</source>
        <translation>请选择一项</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Skip to my result</source>
        <translation>直接查看结果</translation>
    </message>
    <message>
        <source>See my footprint ›</source>
        <translation>查看我的碳足迹 ›</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <source>Question {n} of {count}</source>
        <translation>第 {n} 题，共 {count} 题</translation>
    </message>
    <message>
        <source>Footprint so far: —</source>
        <translation>当前碳足迹：—</translation>
    </message>
    <message>
        <source>Footprint so far: {mass} CO₂e</source>
        <translation>当前碳足迹：{mass} 二氧化碳当量</translation>
    </message>
    <message>
        <source>{value} is not allowed. {allowed}.</source>
        <translation>不能填 {value}。{allowed}。</translation>
    </message>
    <message>
        <source>This one needs an answer.</source>
        <translation>这一题必须回答。</translation>
    </message>
    <message>
        <source>Choose a city from the list.</source>
        <translation>请从列表中选择城市。</translation>
    </message>
    <message>
        <source>That way of travelling does not fit this distance: choose another one.</source>
        <translation>这种交通方式不适合这段距离，请另选一种。</translation>
    </message>
    <message>
        <source>You start in the destination city: enter the distance.</source>
        <translation>出发地就是目的地，请输入距离。</translation>
    </message>
    <message>
        <source>Enter at least one amount above zero.</source>
        <translation>请至少填写一项大于零的数量。</translation>
    </message>
</context>
<context>
    <name>RankingScreen</name>
    <message>
        <source>Ranking</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <source>Today here</source>
        <translation>今日本场</translation>
    </message>
    <message>
        <source>This event</source>
        <translation>本次活动</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>历史总榜</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>‹ My certificate</source>
        <translation>‹ 我的证书</translation>
    </message>
    <message>
        <source>No offsets yet: be the first!</source>
        <translation>还没有人抵消，快来做第一个！</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name}（您）</translation>
    </message>
    <message>
        <source>All kiosks</source>
        <translation>全部终端</translation>
    </message>
    <message>
        <source>The ranking of all kiosks arrives with the first sync.</source>
        <translation>首次同步后即可查看全部终端的排行。</translation>
    </message>
    <message>
        <source>Every kiosk&apos;s sales, as of {time}</source>
        <translation>全部终端的销售，截至 {time}</translation>
    </message>
    <message>
        <source>No kiosk has sold an offset with a nickname yet.</source>
        <translation>还没有终端售出带昵称的抵消。</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Save till PDF…</source>
        <translation>保存小票 PDF…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Business day (UTC+8)</source>
        <translation>营业日（UTC+8）</translation>
    </message>
    <message>
        <source>{name}: {paid} paid, {voids} voided</source>
        <translation>{name}：收款 {paid} 笔，作废 {voids} 笔</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Payments taken</source>
        <translation>收款笔数</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <source>Voids (refunds)</source>
        <translation>作废笔数（退款）</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净收入</translation>
    </message>
    <message>
        <source>Offset, net of voids</source>
        <translation>抵消量（已扣除作废）</translation>
    </message>
    <message>
        <source>By project, net of voids</source>
        <translation>按项目（已扣除作废）</translation>
    </message>
    <message>
        <source>Expired unpaid</source>
        <translation>未付款过期</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>paid orders lost</source>
        <translation>丢失的已付订单数</translation>
    </message>
    <message>
        <source>I accept losing paid orders this ledger cannot show</source>
        <translation>我接受丢失本账本无法显示的已付款订单</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Backup {name}, taken {time}.</source>
        <translation>备份 {name}，创建于 {time}。</translation>
    </message>
    <message>
        <source>It passes the integrity check.</source>
        <translation>它通过了完整性检查。</translation>
    </message>
    <message>
        <source>It does NOT pass the integrity check: {problem}</source>
        <translation>它未通过完整性检查：{problem}</translation>
    </message>
    <message>
        <source>In the backup: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>备份中：{orders} 笔订单，{paid} 笔已付；最后证书编号 {serial}，最后订单序号 {seq}；最后更改于 {time}。</translation>
    </message>
    <message>
        <source>In the ledger now: {orders} orders, {paid} paid; last certificate serial {serial}, last order number {seq}; last change {time}.</source>
        <translation>当前账本：{orders} 笔订单，{paid} 笔已付；最后证书编号 {serial}，最后订单序号 {seq}；最后更改于 {time}。</translation>
    </message>
    <message>
        <source>The current ledger cannot be used: {reason}. Paid orders recorded since the backup cannot all be listed.</source>
        <translation>当前账本无法使用：{reason}。备份之后记录的已付订单无法全部列出。</translation>
    </message>
    <message>
        <source>How many paid orders recorded after this backup will be lost from this kiosk is unknown ({reason}); {count} can be listed. They stay in the kept file.</source>
        <translation>无法得知此备份之后记录的已付款订单中有多少会从本机丢失（{reason}）；可列出 {count} 笔。它们仍保存在保留的文件中。</translation>
    </message>
    <message>
        <source>{count} paid order(s) recorded after this backup will be lost from this kiosk ({registry} of them reached the registry; the others will exist only in the kept file):</source>
        <translation>此备份之后记录的 {count} 笔已付订单将从本终端丢失（其中 {registry} 笔已送达登记中心；其余仅存于保留的文件中）：</translation>
    </message>
    <message>
        <source>No paid order is lost: the backup has every one.</source>
        <translation>不会丢失已付订单：备份包含全部订单。</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>at the registry</source>
        <translation>已在登记中心</translation>
    </message>
    <message>
        <source>not at the registry</source>
        <translation>未送达登记中心</translation>
    </message>
    <message>
        <source>serial {serial} · order {code} · {amount} · {kind} {time} · {where}</source>
        <translation>证书编号 {serial} · 订单 {code} · {amount} · {kind} {time} · {where}</translation>
    </message>
    <message>
        <source>{count} unpaid order(s) will be dropped; those customers start again.</source>
        <translation>{count} 笔未付订单将被放弃；这些顾客需重新开始。</translation>
    </message>
    <message>
        <source>The current ledger is kept, as it is, beside it as {stem}.before-restore-&lt;time&gt;.sqlite.</source>
        <translation>当前账本将原样保留在旁边，名为 {stem}.before-restore-&lt;时间&gt;.sqlite。</translation>
    </message>
    <message>
        <source>New certificates continue from serial {serial} and order number {seq}, after the highest this kiosk is known to have issued: no number is ever used twice.</source>
        <translation>新证书从编号 {serial}、订单序号 {seq} 继续，接在本终端已知发出的最大编号之后：任何编号都不会重复使用。</translation>
    </message>
    <message>
        <source>Serials {first} to {last} are skipped; the audit log records the skip.</source>
        <translation>跳过证书编号 {first} 至 {last}；审计日志记录了此次跳号。</translation>
    </message>
    <message>
        <source>The current ledger cannot be read, so {margin} more numbers are skipped in case it issued some after the backup.</source>
        <translation>当前账本无法读取，因此再跳过 {margin} 个编号，以防它在备份后发出过编号。</translation>
    </message>
    <message>
        <source>Staff accounts added after the backup will be gone: {names}.</source>
        <translation>备份之后添加的员工账户将消失：{names}。</translation>
    </message>
    <message>
        <source>The backup predates this kiosk&apos;s enrolment: enrol it again afterwards.</source>
        <translation>此备份早于本终端的注册：恢复后请重新注册。</translation>
    </message>
    <message>
        <source>This new, empty ledger (kiosk {new}) takes the backup&apos;s identity, kiosk {kiosk}.</source>
        <translation>这个新的空账本（终端 {new}）将采用备份的身份：终端 {kiosk}。</translation>
    </message>
    <message>
        <source>This backup does not pass the integrity check, so it is not restored from here (`diandian ledger restore --force` can, if you must).</source>
        <translation>此备份未通过完整性检查，因此不能在此恢复（如确有必要，可用 `diandian ledger restore --force`）。</translation>
    </message>
    <message>
        <source>To restore anyway, acknowledge that paid orders may be lost:</source>
        <translation>如仍要恢复，请确认可能会丢失已付款订单：</translation>
    </message>
    <message>
        <source>To restore anyway, type the number of paid orders that will be lost:</source>
        <translation>如仍要恢复，请输入将丢失的已付订单数：</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>{n} km</source>
        <translation>{n} 公里</translation>
    </message>
    <message>
        <source>{n} nights</source>
        <translation>{n} 晚</translation>
    </message>
    <message>
        <source>{n} meals</source>
        <translation>{n} 餐</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>{n} kWh</source>
        <translation>{n} 度电</translation>
    </message>
    <message>
        <source>{n} m³</source>
        <translation>{n} 立方米</translation>
    </message>
    <message>
        <source>{n} kg</source>
        <translation>{n} 公斤</translation>
    </message>
    <message>
        <source>{factor} kg</source>
        <translation>{factor} 公斤</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>度</translation>
    </message>
    <message>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <source>{name}: {value} kg CO₂ per {unit} ({year})</source>
        <translation>{name}：每{unit} {value} 千克二氧化碳（{year}年）</translation>
    </message>
    <message>
        <source>Grid electricity used: {factors}.</source>
        <translation>所用电网排放因子：{factors}。</translation>
    </message>
    <message>
        <source>Everything else</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>‹ Change answers</source>
        <translation>‹ 修改回答</translation>
    </message>
    <message>
        <source>Choose a project ›</source>
        <translation>选择项目 ›</translation>
    </message>
    <message>
        <source>Where it comes from</source>
        <translation>碳足迹来源</translation>
    </message>
    <message>
        <source>Your year&apos;s footprint</source>
        <translation>您一年的碳足迹</translation>
    </message>
    <message>
        <source>Your footprint</source>
        <translation>您的碳足迹</translation>
    </message>
    <message>
        <source>≈ driving {km} km alone in a petrol car</source>
        <translation>≈ 一个人开汽油车行驶 {km} 公里</translation>
    </message>
    <message>
        <source>Emission factors {version}: {sources}.</source>
        <translation>排放因子 {version}：{sources}。</translation>
    </message>
    <message>
        <source>Offset one month
{mass}</source>
        <translation>抵消一个月
{mass}</translation>
    </message>
    <message>
        <source>Offset the whole year
{mass}</source>
        <translation>抵消一整年
{mass}</translation>
    </message>
</context>
<context>
    <name>ScenarioScreen</name>
    <message>
        <source>What would you like to offset?</source>
        <translation>您想抵消哪一项？</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Diandian cashier: sign in</source>
        <translation>点点收银台：登录</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>No staff account exists yet. Create one with: diandian accounts add NAME --role admin</source>
        <translation>还没有员工账户。请用以下命令创建：diandian accounts add NAME --role admin</translation>
    </message>
    <message>
        <source>The ledger cannot be used ({reason}). An administrator can sign in with the PIN of the newest backup ({backup}) and restore a backup from the administration tab.</source>
        <translation>账本无法使用（{reason}）。管理员可以用最新备份（{backup}）中的 PIN 登录，并在“管理”页恢复备份。</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
</context>
<context>
    <name>SlipsPanel</name>
    <message>
        <source>Scan or type a code or serial, then Enter</source>
        <translation>扫描或输入订单号或证书号，然后按回车</translation>
    </message>
    <message>
        <source>Print slip again</source>
        <translation>补打凭条</translation>
    </message>
    <message>
        <source>Save A6 PDF…</source>
        <translation>保存 A6 PDF…</translation>
    </message>
    <message>
        <source>Reason for the refund (required)</source>
        <translation>退款原因（必填）</translation>
    </message>
    <message>
        <source>Void (refund)</source>
        <translation>作废（退款）</translation>
    </message>
    <message>
        <source>{count} slip(s) to print again (listed first).</source>
        <translation>{count} 张凭条待补打（排在最前）。</translation>
    </message>
    <message>
        <source>No failed, pending or unconfirmed prints.</source>
        <translation>没有失败、待打印或未确认的凭条。</translation>
    </message>
    <message>
        <source>slip not printed here</source>
        <translation>未在此打印凭条</translation>
    </message>
    <message>
        <source>⚠ slip pending</source>
        <translation>⚠ 凭条待打印</translation>
    </message>
    <message>
        <source>⚠ PRINT FAILED</source>
        <translation>⚠ 打印失败</translation>
    </message>
    <message>
        <source>⚠ sent, not confirmed</source>
        <translation>⚠ 已发送，未确认</translation>
    </message>
    <message>
        <source>slip printed</source>
        <translation>凭条已打印</translation>
    </message>
    <message>
        <source>Choose a paid order.</source>
        <translation>请选择一个已付订单。</translation>
    </message>
    <message>
        <source>Order {code}, certificate {serial}: {amount} by {method}; {slip}</source>
        <translation>订单 {code}，证书 {serial}：{amount}，{method}；{slip}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Save the certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <source>A reason is required to void a paid order.</source>
        <translation>作废已付订单必须填写原因。</translation>
    </message>
    <message>
        <source>Void order {code} and refund {amount}?</source>
        <translation>作废订单 {code} 并退款 {amount}？</translation>
    </message>
    <message>
        <source>Certificate {serial}, paid by {method}. Reason: {reason}</source>
        <translation>证书 {serial}，{method}支付。原因：{reason}</translation>
    </message>
    <message>
        <source>Yes, void and refund</source>
        <translation>是，作废并退款</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>不，保留</translation>
    </message>
    <message>
        <source>Order {code} voided; refund {amount}.</source>
        <translation>订单 {code} 已作废；退款 {amount}。</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Cashier console</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role}).</source>
        <translation>已登录：{name}（{role}）。</translation>
    </message>
    <message>
        <source>Back to the visitor&apos;s order {code}</source>
        <translation>返回顾客的订单 {code}</translation>
    </message>
    <message>
        <source>Sign out to the start screen</source>
        <translation>退出并返回首页</translation>
    </message>
    <message>
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
</context>
<context>
    <name>StaffSignInScreen</name>
    <message>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>The sales ledger cannot be used. An administrator can sign in with the PIN of the newest backup, to restore a backup from the cashier console.</source>
        <translation>销售账本无法使用。管理员可用最新备份中的 PIN 登录，在收银台恢复备份。</translation>
    </message>
    <message>
        <source>No staff account exists yet. Create one on this computer with: diandian accounts add NAME --role admin</source>
        <translation>还没有工作人员账号。请在本机上用以下命令创建：diandian accounts add 名字 --role admin</translation>
    </message>
    <message>
        <source>Type your staff name.</source>
        <translation>请输入您的员工名。</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>请输入 PIN。</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>员工名</translation>
    </message>
    <message>
        <source>Wrong PIN ({left} tries left).</source>
        <translation>PIN 码错误（还可尝试 {left} 次）。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until {until}.</source>
        <translation>错误次数过多，已锁定至 {until}。</translation>
    </message>
    <message>
        <source>No staff account has that name.</source>
        <translation>没有这个名字的员工账户。</translation>
    </message>
    <message>
        <source>Type your name first.</source>
        <translation>请先输入名字。</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一步 ›</translation>
    </message>
    <message>
        <source>‹ Change name</source>
        <translation>‹ 修改名字</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Sign-in is not possible right now.</source>
        <translation>暂时无法登录。</translation>
    </message>
    <message>
        <source>Only an administrator can sign in while the ledger cannot be used.</source>
        <translation>账本无法使用时，只有管理员可以登录。</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>space</source>
        <translation>空格</translation>
    </message>
</context>
</TS>
