<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AlarmList</name>
    <message>
        <source>未确认</source>
        <translation>UNACK</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>ACK</translation>
    </message>
    <message>
        <source>已恢复未确认</source>
        <translation>CLEARED</translation>
    </message>
    <message>
        <source>已搁置</source>
        <translation>SHELVED</translation>
    </message>
    <message>
        <source>已抑制</source>
        <translation>SUPPRESSED</translation>
    </message>
    <message>
        <source>泛滥时分组</source>
        <translation>Group in a flood</translation>
    </message>
    <message>
        <source>不分组</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <source>按规则</source>
        <translation>By rule</translation>
    </message>
    <message>
        <source>按区域</source>
        <translation>By area</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>报警</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>无报警</source>
        <translation>No active alarms</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>未确认（含已恢复）</source>
        <translation>Unacknowledged</translation>
    </message>
    <message>
        <source>筛选…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <source>确认说明（同事可见）</source>
        <translation>Comment for colleagues</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>仅说明</source>
        <translation>Comment only</translation>
    </message>
    <message>
        <source>搁置…</source>
        <translation>Shelve…</translation>
    </message>
    <message>
        <source>取消搁置</source>
        <translation>Unshelve</translation>
    </message>
    <message>
        <source>开事件 (I)</source>
        <translation>Incident (I)</translation>
    </message>
    <message>
        <source>由所选报警开启事件；同一对象已有进行中的事件时并入该事件</source>
        <translation>Open an incident from the selected alarms; an alarm on an object with an open incident joins it</translation>
    </message>
    <message>
        <source>{open} 条 · {unack} 未确认 · {rows} 行</source>
        <translation>{open} open · {unack} unack · {rows} rows</translation>
    </message>
    <message>
        <source>{n} 条越限延时确认中</source>
        <translation>{n} over a limit, in the rule's delay</translation>
    </message>
    <message>
        <source>按规则分组</source>
        <translation>grouped by rule</translation>
    </message>
    <message>
        <source>按区域分组</source>
        <translation>grouped by area</translation>
    </message>
    <message>
        <source>未分组</source>
        <translation>not grouped</translation>
    </message>
    <message>
        <source>⚠ 全中心报警泛滥：10 分钟内 {n} 条新报警（&gt; {limit}）· {how}</source>
        <translation>⚠ CENTRE-WIDE ALARM FLOOD: {n} new alarms in 10 min (&gt; {limit}) · {how}</translation>
    </message>
    <message>
        <source>⚠ 报警泛滥：10 分钟内 {n} 条新报警（&gt; {limit}）· {how}</source>
        <translation>⚠ ALARM FLOOD: {n} new alarms in 10 min (&gt; {limit}) · {how}</translation>
    </message>
    <message>
        <source>{group} · {n} 条报警 · {unack} 未确认</source>
        <translation>{group} · {n} alarms · {unack} unack</translation>
    </message>
    <message>
        <source>处置要点 — {alarm}</source>
        <translation>Response steps — {alarm}</translation>
    </message>
    <message>
        <source>确认说明 {user} {when}：{comment}</source>
        <translation>Acknowledged by {user} {when}: {comment}</translation>
    </message>
    <message>
        <source>说明 {user} {when}：{comment}</source>
        <translation>Comment by {user} {when}: {comment}</translation>
    </message>
    <message>
        <source>登录后可操作</source>
        <translation>Log in to acknowledge or shelve</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>view only</translation>
    </message>
    <message>
        <source>未开启事件：{reason}</source>
        <translation>No incident opened: {reason}</translation>
    </message>
    <message>
        <source>筛选：{names}</source>
        <translation>filter: {names}</translation>
    </message>
</context>
<context>
    <name>AlarmLoad</name>
    <message>
        <source>报警率 / 10 min</source>
        <translation>Alarms / 10 min</translation>
    </message>
    <message>
        <source>泛滥时长</source>
        <translation>Time in flood</translation>
    </message>
    <message>
        <source>长期报警 &gt; 24 h</source>
        <translation>Standing &gt; 24 h</translation>
    </message>
    <message>
        <source>振荡报警</source>
        <translation>Chattering</translation>
    </message>
    <message>
        <source>条 / 10 min</source>
        <translation>alarms / 10 min</translation>
    </message>
    <message>
        <source>小时前</source>
        <translation>hours ago</translation>
    </message>
    <message>
        <source>十大频发报警</source>
        <translation>Top ten offenders</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>报警</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>报警统计失败：{error}</source>
        <translation>Alarm figures failed: {error}</translation>
    </message>
    <message>
        <source>{average}（峰值 {peak}）</source>
        <translation>{average} (peak {peak})</translation>
    </message>
    <message>
        <source>振荡</source>
        <translation>chattering</translation>
    </message>
    <message>
        <source>{n} 条报警 · 近 {h} h</source>
        <translation>{n} alarms · last {h} h</translation>
    </message>
</context>
<context>
    <name>AlarmSound</name>
    <message>
        <source>缺少 Qt Multimedia</source>
        <translation>Qt Multimedia missing</translation>
    </message>
    <message>
        <source>无音频输出</source>
        <translation>no audio output</translation>
    </message>
    <message>
        <source>报警音关闭：{why}</source>
        <translation>Alarm sound off: {why}</translation>
    </message>
    <message>
        <source>{level}报警音{mute} · F9 消音</source>
        <translation>{level} alarm sounding{mute} · F9 silence</translation>
    </message>
    <message>
        <source>报警音无法播放：{file}</source>
        <translation>Alarm sound {file} could not be played</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>墙面配置无效，未启动墙面：{error}</source>
        <translation>Wall configuration rejected, no wall windows: {error}</translation>
    </message>
</context>
<context>
    <name>Cache</name>
    <message>
        <source>缓存文件的位置上是一个文件夹</source>
        <translation>a folder is where the cache file should be</translation>
    </message>
    <message>
        <source>无法读取（{error}）</source>
        <translation>cannot be read ({error})</translation>
    </message>
    <message>
        <source>不是 SQLite 文件（文件头错误）</source>
        <translation>not an SQLite file (bad header)</translation>
    </message>
    <message>
        <source>已损坏（{error}）</source>
        <translation>corrupt ({error})</translation>
    </message>
    <message>
        <source>无法创建 {folder}（{error}）</source>
        <translation>cannot create {folder} ({error})</translation>
    </message>
    <message>
        <source>{folder} 只读（{error}）</source>
        <translation>{folder} is read-only ({error})</translation>
    </message>
    <message>
        <source>{path} 只读</source>
        <translation>{path} is read-only</translation>
    </message>
    <message>
        <source>{path} 无法写入（{error}）</source>
        <translation>{path} cannot be written ({error})</translation>
    </message>
    <message>
        <source>{path} 无法打开（{error}）</source>
        <translation>{path} cannot be opened ({error})</translation>
    </message>
    <message>
        <source>{path} {problem}，且无法移开（{error}）</source>
        <translation>{path} is {problem} and cannot be moved aside ({error})</translation>
    </message>
    <message>
        <source>缓存文件 {path} 损坏（{problem}）：已移至 {aside}，已新建缓存</source>
        <translation>The cache {path} was {problem}: moved aside to {aside}; a fresh cache was started</translation>
    </message>
    <message>
        <source>缓存不可写：{why}。正在使用内存中的临时缓存（{folder}），控制台退出后不保留任何数据</source>
        <translation>The cache cannot be written: {why}. Running from a temporary cache in memory ({folder}); nothing is kept after the console exits</translation>
    </message>
    <message>
        <source>缓存写入失败：{reason}；{held} 条读数暂存在内存中</source>
        <translation>cache write failed: {reason}, {held} readings held in memory</translation>
    </message>
    <message>
        <source>{message}；{n} 条超出暂存上限，已丢弃</source>
        <translation>{message}, {n} dropped over the backlog bound</translation>
    </message>
    <message>
        <source>{message}；腾出空间前不再接收新的历史数据</source>
        <translation>{message}; new history refused until there is room</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>正常</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>timeout</translation>
    </message>
    <message>
        <source>拒绝连接</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>图像无效</source>
        <translation>bad image</translation>
    </message>
    <message>
        <source>认证失败 401</source>
        <translation>401 unauthorized</translation>
    </message>
    <message>
        <source>HTTP 错误</source>
        <translation>HTTP error</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>error</translation>
    </message>
    <message>
        <source>{name} 状态</source>
        <translation>{name} status</translation>
    </message>
    <message>
        <source>报警附近</source>
        <translation>Near alarms</translation>
    </message>
    <message>
        <source>图像无效：{error}</source>
        <translation>bad image: {error}</translation>
    </message>
    <message>
        <source>无图像</source>
        <translation>no picture yet</translation>
    </message>
    <message>
        <source>◀ 上一帧</source>
        <translation>◀ older</translation>
    </message>
    <message>
        <source>下一帧 ▶</source>
        <translation>newer ▶</translation>
    </message>
    <message>
        <source>● 实时</source>
        <translation>● live</translation>
    </message>
    <message>
        <source>▦ 返回</source>
        <translation>▦ grid</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>online</translation>
    </message>
    <message>
        <source>尚无符合此图块选项的摄像机</source>
        <translation>No cameras match this tile's options yet</translation>
    </message>
    <message>
        <source>本控制台无视频服务：无法显示图像</source>
        <translation>No camera feed in this console: pictures cannot be shown</translation>
    </message>
    <message>
        <source>{name} 已选</source>
        <translation>{name} selected</translation>
    </message>
    <message>
        <source>摄像机</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>视频缓存读取失败：{error}</source>
        <translation>Camera frames could not be read: {error}</translation>
    </message>
    <message>
        <source>在线 {n}/{total}</source>
        <translation>online {n}/{total}</translation>
    </message>
    <message>
        <source>尚无状态</source>
        <translation>no status yet</translation>
    </message>
    <message>
        <source>无响应</source>
        <translation>not answering</translation>
    </message>
    <message>
        <source>报警附近 {name}</source>
        <translation>near {name}</translation>
    </message>
    <message>
        <source>实时</source>
        <translation>live</translation>
    </message>
    <message>
        <source>历史 −{i}/{n}</source>
        <translation>frame −{i} of {n}</translation>
    </message>
</context>
<context>
    <name>Cameras</name>
    <message>
        <source>演示降速：{n} 路模拟摄像机出帧间隔放大 {factor} 倍，以跟上 ×{speed} 倍速</source>
        <translation>Demo reduced: {n} simulated cameras draw a frame {factor}× less often, to keep up at ×{speed}</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>警戒</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>保证</source>
        <translation>guarantee</translation>
    </message>
    <message>
        <source>1小时</source>
        <extracomment>the spans an operator picks with one click (label translated where shown, seconds)</extracomment>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24小时</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7天</source>
        <translation>7 d</translation>
    </message>
    <message>
        <source>30天</source>
        <translation>30 d</translation>
    </message>
    <message>
        <source>1年</source>
        <translation>1 y</translation>
    </message>
    <message>
        <source>尚无符合此图块选项的数据流</source>
        <translation>No streams match this tile's options yet</translation>
    </message>
    <message>
        <source>回到实时</source>
        <translation>Back to live</translation>
    </message>
    <message>
        <source>回到当前时间，实时数据继续</source>
        <translation>Back to now; live readings flow again</translation>
    </message>
    <message>
        <source>历史数据读取失败：{error}</source>
        <translation>History could not be read: {error}</translation>
    </message>
</context>
<context>
    <name>CityTime</name>
    <message>
        <source>北京时间</source>
        <translation>Beijing time</translation>
    </message>
    <message>
        <source>新疆时间</source>
        <translation>Xinjiang time</translation>
    </message>
</context>
<context>
    <name>Community</name>
    <message>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>距80%</source>
        <translation>To 80 %</translation>
    </message>
    <message>
        <source>尚无智慧社区</source>
        <translation>No smart communities yet</translation>
    </message>
    <message>
        <source>{smart}/{n} 个社区达到80%线（竖线）· 权重为演示数据</source>
        <translation>{smart}/{n} communities at the 80 % line (the bar's mark) · weights are demo data</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>墙面预览</source>
        <translation>Wall preview</translation>
    </message>
    <message>
        <source>报警接管 · {alarm}</source>
        <translation>ALARM TAKEOVER · {alarm}</translation>
    </message>
    <message>
        <source>需要值班员登录才能打开布局文件</source>
        <translation>Refused: opening a layout file needs an operator login</translation>
    </message>
    <message>
        <source>布局文件无效，当前布局保持不变：{error}</source>
        <translation>Layout file rejected, the layout on screen stays: {error}</translation>
    </message>
    <message>
        <source>只读：编辑布局需要值班员登录</source>
        <translation>Read-only: layout editing needs an operator login</translation>
    </message>
    <message>
        <source>布局</source>
        <translation>Layouts</translation>
    </message>
    <message>
        <source>命令面板…</source>
        <translation>Command palette…</translation>
    </message>
    <message>
        <source>编辑布局…</source>
        <translation>Edit layout…</translation>
    </message>
    <message>
        <source>打开布局文件…</source>
        <translation>Open layout file…</translation>
    </message>
    <message>
        <source>暂停/继续轮播</source>
        <translation>Hold playlist</translation>
    </message>
    <message>
        <source>轮播下一项</source>
        <translation>Next playlist item</translation>
    </message>
    <message>
        <source>轮播上一项</source>
        <translation>Previous playlist item</translation>
    </message>
    <message>
        <source>打印布局…</source>
        <translation>Print layout…</translation>
    </message>
    <message>
        <source>报警</source>
        <translation>Alarms</translation>
    </message>
    <message>
        <source>消音</source>
        <translation>Silence the alarm sound</translation>
    </message>
    <message>
        <source>需要值班员登录：打开布局文件</source>
        <translation>Refused: opening a layout file needs an operator login</translation>
    </message>
    <message>
        <source>打开布局</source>
        <translation>Open layout</translation>
    </message>
    <message>
        <source>布局文件</source>
        <translation>Layouts</translation>
    </message>
    <message>
        <source>布局无效，已跳过：{error}</source>
        <translation>Layout skipped: {error}</translation>
    </message>
</context>
<context>
    <name>DeskAction</name>
    <message>
        <source>任务书</source>
        <translation>Tasks</translation>
    </message>
</context>
<context>
    <name>Emergency</name>
    <message>
        <source> · 预计 {m:.0f} 分钟到场</source>
        <extracomment>a hazard's stream beyond this is an event (the rules' limits): a leak, water in an underpass</extracomment>
        <translation> · on scene in about {m:.0f} min</translation>
    </message>
    <message>
        <source>半径 {r} m · 范围内 {n} 人</source>
        <translation>radius {r} m · {n} people inside</translation>
    </message>
    <message>
        <source>约 {m} 分钟</source>
        <translation>about {m} min</translation>
    </message>
    <message>
        <source>危化品企业</source>
        <translation>Chemical plant</translation>
    </message>
    <message>
        <source>水库</source>
        <translation>Reservoir</translation>
    </message>
    <message>
        <source>堤防</source>
        <translation>Dike</translation>
    </message>
    <message>
        <source>下穿通道</source>
        <translation>Underpass</translation>
    </message>
    <message>
        <source>地质灾害隐患点</source>
        <translation>Landslide spot</translation>
    </message>
    <message>
        <source>泄漏量</source>
        <extracomment>the stream each hazard type reports (its name, unit)</extracomment>
        <translation>Amount leaked</translation>
    </message>
    <message>
        <source>库水位</source>
        <translation>Reservoir level</translation>
    </message>
    <message>
        <source>渗漏巡查险情</source>
        <translation>Seepage found on patrol</translation>
    </message>
    <message>
        <source>积水深度</source>
        <translation>Water depth</translation>
    </message>
    <message>
        <source>位移</source>
        <translation>Displacement</translation>
    </message>
    <message>
        <source>帐篷</source>
        <translation>Tents</translation>
    </message>
    <message>
        <source>棉被</source>
        <translation>Quilts</translation>
    </message>
    <message>
        <source>沙袋</source>
        <translation>Sandbags</translation>
    </message>
    <message>
        <source>吸附棉</source>
        <translation>Absorbent</translation>
    </message>
    <message>
        <source>防化服</source>
        <translation>Hazmat suits</translation>
    </message>
    <message>
        <source>饮用水</source>
        <translation>Drinking water</translation>
    </message>
    <message>
        <source>待命</source>
        <extracomment>a team's status stream: 0 standby, 1 on the way, 2 on scene</extracomment>
        <translation>Standby</translation>
    </message>
    <message>
        <source>出动中</source>
        <translation>On the way</translation>
    </message>
    <message>
        <source>已到场</source>
        <translation>On scene</translation>
    </message>
    <message>
        <source>影响半径</source>
        <translation>Impact radius</translation>
    </message>
    <message>
        <source>范围内人口</source>
        <translation>People inside the range</translation>
    </message>
    <message>
        <source>范围内学校</source>
        <translation>Schools inside the range</translation>
    </message>
    <message>
        <source>范围内医院</source>
        <translation>Hospitals inside the range</translation>
    </message>
    <message>
        <source>范围内避难场所</source>
        <translation>Shelters inside the range</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>Awaiting dispatch</translation>
    </message>
    <message>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>预案步骤</source>
        <translation>Plan step</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>当前无应急事件</source>
        <translation>No emergency incident now</translation>
    </message>
    <message>
        <source>事件簿不可用</source>
        <translation>Incident book unavailable</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>防化</source>
        <translation>Hazmat</translation>
    </message>
    <message>
        <source>防汛</source>
        <translation>Flood</translation>
    </message>
    <message>
        <source>医疗</source>
        <translation>Medical</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Rescue team</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Specialty</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>道路用时</source>
        <translation>Road time</translation>
    </message>
    <message>
        <source>储备点</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>避难场所</source>
        <translation>Shelter</translation>
    </message>
    <message>
        <source>安置</source>
        <translation>Housed</translation>
    </message>
    <message>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>占用</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <source>尚无应急资源</source>
        <translation>No emergency resources yet</translation>
    </message>
    <message>
        <source>道路用时按至：</source>
        <translation>Road times to: </translation>
    </message>
</context>
<context>
    <name>Energy</name>
    <message>
        <source>线路</source>
        <translation>Feeder</translation>
    </message>
    <message>
        <source>影响</source>
        <translation>Affected</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>起</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>尚无故障指示器</source>
        <translation>No fault indicators known yet</translation>
    </message>
    <message>
        <source>{transformers} 台 · {households} 户</source>
        <translation>{transformers} transformers · {households} households</translation>
    </message>
    <message>
        <source>{n} 条线路停电中</source>
        <translation>{n} feeders out now</translation>
    </message>
    <message>
        <source>无停电</source>
        <translation>no feeder out</translation>
    </message>
    <message>
        <source>{h} h 内已恢复 {n} 条</source>
        <translation>{n} restored in {h} h</translation>
    </message>
    <message>
        <source>配变</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>容量 kVA</source>
        <translation>kVA</translation>
    </message>
    <message>
        <source>负荷 kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <source>负载率</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>尚无配变终端</source>
        <translation>No transformer terminals known yet</translation>
    </message>
    <message>
        <source>{n} 台终端</source>
        <translation>{n} terminals</translation>
    </message>
    <message>
        <source>{n} 过载</source>
        <translation>{n} overloaded</translation>
    </message>
    <message>
        <source>{n} 离线未排名</source>
        <translation>{n} silent, not ranked</translation>
    </message>
</context>
<context>
    <name>Entity</name>
    <message>
        <source>现场</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>黄瓜</source>
        <translation>Cucumber</translation>
    </message>
    <message>
        <source>番茄</source>
        <translation>Tomato</translation>
    </message>
    <message>
        <source>彩椒</source>
        <translation>Bell pepper</translation>
    </message>
    <message>
        <source>茄子</source>
        <translation>Eggplant</translation>
    </message>
    <message>
        <source>西葫芦</source>
        <translation>Courgette</translation>
    </message>
    <message>
        <source>苦瓜</source>
        <translation>Bitter gourd</translation>
    </message>
    <message>
        <source>门禁通行（5分钟）</source>
        <extracomment>(stream, name, unit, decimals) of a community</extracomment>
        <translation>Access-control events (5 min)</translation>
    </message>
    <message>
        <source>养老呼叫未处置</source>
        <translation>Open elderly-care calls</translation>
    </message>
    <message>
        <source>快递柜占用</source>
        <translation>Parcel lockers full</translation>
    </message>
    <message>
        <source>充电桩在用</source>
        <translation>EV chargers in use</translation>
    </message>
    <message>
        <source>指标完成权重</source>
        <translation>Completed indicator weight</translation>
    </message>
    <message>
        <source>达标智慧社区</source>
        <translation>Communities at the 80 % line</translation>
    </message>
    <message>
        <source>社区指标平均完成权重</source>
        <translation>Mean completed weight</translation>
    </message>
    <message>
        <source>配电房</source>
        <translation>Switch room</translation>
    </message>
    <message>
        <source>开闭所</source>
        <translation>Switching station</translation>
    </message>
    <message>
        <source>村居</source>
        <translation>Village homes</translation>
    </message>
    <message>
        <source>大棚</source>
        <translation>Greenhouses</translation>
    </message>
    <message>
        <source>冷库</source>
        <translation>Cold stores</translation>
    </message>
    <message>
        <source>城镇</source>
        <translation>Towns</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>今日全市负荷</source>
        <translation>City load today</translation>
    </message>
    <message>
        <source>昨日</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>昨日全市负荷</source>
        <translation>City load yesterday</translation>
    </message>
    <message>
        <source>上周同日</source>
        <translation>Same day last week</translation>
    </message>
    <message>
        <source>上周同日全市负荷</source>
        <translation>City load, same day last week</translation>
    </message>
    <message>
        <source>全市配网</source>
        <translation>County grid</translation>
    </message>
    <message>
        <source>今日峰值</source>
        <translation>Peak today</translation>
    </message>
    <message>
        <source>过载配变</source>
        <translation>Overloaded transformers</translation>
    </message>
    <message>
        <source>户均停电时间</source>
        <translation>Outage hours per household</translation>
    </message>
    <message>
        <source>门诊大厅</source>
        <translation>Outpatient hall</translation>
    </message>
    <message>
        <source>急诊入口</source>
        <translation>Emergency entrance</translation>
    </message>
    <message>
        <source>今日预约</source>
        <extracomment>(stream, name, unit); cumulative counts restart at local midnight</extracomment>
        <translation>Appointments booked today</translation>
    </message>
    <message>
        <source>今日预约就诊</source>
        <translation>Appointments served today</translation>
    </message>
    <message>
        <source>今日在线问诊</source>
        <translation>Online consultations today</translation>
    </message>
    <message>
        <source>今日电子处方</source>
        <translation>E-prescriptions today</translation>
    </message>
    <message>
        <source>今日电子健康卡用卡</source>
        <translation>E-health-card scans today</translation>
    </message>
    <message>
        <source>门诊候诊</source>
        <translation>Outpatient queue</translation>
    </message>
    <message>
        <source>在院人数</source>
        <translation>Inpatients</translation>
    </message>
    <message>
        <source>床位使用率</source>
        <translation>Bed occupancy</translation>
    </message>
    <message>
        <source>出入口</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <source>路侧</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>商场</source>
        <translation>Mall</translation>
    </message>
    <message>
        <source>办公</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>全市</source>
        <translation>City-wide</translation>
    </message>
    <message>
        <source>全市占用率</source>
        <translation>City occupancy</translation>
    </message>
    <message>
        <source>全市空位</source>
        <translation>Free spaces</translation>
    </message>
    <message>
        <source>满位车场</source>
        <translation>Full car parks</translation>
    </message>
    <message>
        <source>今日周转率</source>
        <translation>Turnover today</translation>
    </message>
    <message>
        <source>今日收入</source>
        <translation>Revenue today</translation>
    </message>
    <message>
        <source>灯亮</source>
        <extracomment>what the displays show in turn, ten minutes each (stream, name, unit, decimals) of a post</extracomment>
        <translation>Lamp on</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>充电功率</source>
        <translation>Charging power</translation>
    </message>
    <message>
        <source>信息屏当前内容</source>
        <translation>Display message (index)</translation>
    </message>
    <message>
        <source>亮灯数</source>
        <translation>Lamps on</translation>
    </message>
    <message>
        <source>故障灯杆</source>
        <translation>Posts at fault</translation>
    </message>
    <message>
        <source>充电总功率</source>
        <translation>Total charging power</translation>
    </message>
    <message>
        <source>灯功率</source>
        <extracomment>a city post carries the environment sensors and the lamp's meter as well (多功能智慧灯杆)</extracomment>
        <translation>Lamp power</translation>
    </message>
    <message>
        <source>电压</source>
        <translation>Voltage</translation>
    </message>
    <message>
        <source>气温</source>
        <translation>Air temperature</translation>
    </message>
    <message>
        <source>湿度</source>
        <translation>Humidity</translation>
    </message>
    <message>
        <source>PM2.5</source>
        <translation>PM2.5</translation>
    </message>
    <message>
        <source>噪声</source>
        <translation>Noise</translation>
    </message>
    <message>
        <source>运营中</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>班次序号</source>
        <translation>Trip index</translation>
    </message>
    <message>
        <source>位置（站序）</source>
        <translation>Position (stop index)</translation>
    </message>
    <message>
        <source>晚点</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>与前车间隔</source>
        <translation>Headway</translation>
    </message>
    <message>
        <source>间隔/计划间隔</source>
        <translation>Headway ÷ scheduled</translation>
    </message>
    <message>
        <source>满载率</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>平均满载率</source>
        <translation>Mean load</translation>
    </message>
    <message>
        <source>平均满载率（10分钟滑动平均）</source>
        <translation>Mean load, 10-min rolling mean</translation>
    </message>
    <message>
        <source>在线车辆</source>
        <translation>Buses in service</translation>
    </message>
    <message>
        <source>串车</source>
        <translation>Bunched buses</translation>
    </message>
    <message>
        <source>大间隔</source>
        <translation>Gaps</translation>
    </message>
    <message>
        <source>近24小时受理</source>
        <extracomment>(stream, name, unit, decimals): the figures of a grid, a department and the city (last 24 h)</extracomment>
        <translation>Received, last 24 h</translation>
    </message>
    <message>
        <source>近1小时受理</source>
        <translation>Received, last hour</translation>
    </message>
    <message>
        <source>近24小时办结</source>
        <translation>Closed, last 24 h</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <source>超期未办结</source>
        <translation>Overdue, open</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>在办工单</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <source>路口</source>
        <translation>Junction</translation>
    </message>
</context>
<context>
    <name>EntityKind</name>
    <message>
        <source>蔬菜合作社</source>
        <translation>Vegetable co-operative</translation>
    </message>
    <message>
        <source>农资店</source>
        <translation>Agri-input shop</translation>
    </message>
    <message>
        <source>检测站</source>
        <translation>Testing station</translation>
    </message>
    <message>
        <source>配变终端</source>
        <translation>Transformer terminal</translation>
    </message>
    <message>
        <source>故障指示器</source>
        <translation>Fault indicator</translation>
    </message>
    <message>
        <source>大棚园区</source>
        <translation>Greenhouse park</translation>
    </message>
    <message>
        <source>冷库</source>
        <translation>Cold store</translation>
    </message>
    <message>
        <source>水位站</source>
        <translation>Water-level gauge</translation>
    </message>
    <message>
        <source>雨量站</source>
        <translation>Rain gauge</translation>
    </message>
    <message>
        <source>河道摄像机</source>
        <translation>River camera</translation>
    </message>
    <message>
        <source>危险源</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Rescue teams</translation>
    </message>
    <message>
        <source>物资储备点</source>
        <translation>Supply depots</translation>
    </message>
    <message>
        <source>避难场所</source>
        <translation>Shelters</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>Schools</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>影响范围</source>
        <translation>Impact range</translation>
    </message>
    <message>
        <source>安全路线</source>
        <translation>Safe route</translation>
    </message>
    <message>
        <source>乡镇卫生院</source>
        <translation>Township clinic</translation>
    </message>
    <message>
        <source>停车场</source>
        <translation>Car park</translation>
    </message>
    <message>
        <source>智慧社区</source>
        <translation>Smart community</translation>
    </message>
    <message>
        <source>智慧灯杆</source>
        <translation>Smart lamp post</translation>
    </message>
    <message>
        <source>公交站（电子站牌）</source>
        <translation>Bus stop (e-stop board)</translation>
    </message>
    <message>
        <source>公交车</source>
        <translation>Bus</translation>
    </message>
    <message>
        <source>景区</source>
        <translation>Scenic spot</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>工单 超期</source>
        <translation>Case: overdue</translation>
    </message>
    <message>
        <source>工单 受理待派遣</source>
        <translation>Case: received, to dispatch</translation>
    </message>
    <message>
        <source>工单 已派遣</source>
        <translation>Case: dispatched</translation>
    </message>
    <message>
        <source>工单 处置中</source>
        <translation>Case: in hand</translation>
    </message>
    <message>
        <source>工单 已办结</source>
        <translation>Case: closed</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>导出图片…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <source>导出表格…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>导出矢量图…</source>
        <translation>Export SVG…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>Freshness</name>
    <message>
        <source>迟到</source>
        <translation>LATE</translation>
    </message>
    <message>
        <source>追赶中</source>
        <translation>CATCHING UP</translation>
    </message>
    <message>
        <source>陈旧</source>
        <translation>STALE</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>落后 {age}</source>
        <translation>{age} behind</translation>
    </message>
</context>
<context>
    <name>Governance</name>
    <message>
        <source>受理</source>
        <extracomment>(stream, header) of the columns after the name</extracomment>
        <translation>Received</translation>
    </message>
    <message>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>处置中</source>
        <translation>In hand</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>网格巡查</source>
        <translation>Grid inspection</translation>
    </message>
    <message>
        <source>剩 {amount}</source>
        <extracomment>a case's entity kind on the map is its stage's: each stage its own marker shape and layer</extracomment>
        <translation>{amount} left</translation>
    </message>
    <message>
        <source>超 {amount}</source>
        <translation>{amount} over</translation>
    </message>
    <message>
        <source> · {left}</source>
        <translation> · {left}</translation>
    </message>
    <message>
        <source>{stage}{clock}</source>
        <translation>{stage}{clock}</translation>
    </message>
    <message>
        <source>超期 {n} 件</source>
        <translation>{n} overdue</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>暂无在办工单</source>
        <translation>No open cases</translation>
    </message>
    <message>
        <source>尚无网格与工单数据</source>
        <translation>No grids or cases yet</translation>
    </message>
    <message>
        <source>在办 {n} 件，超期 {late} 件；按剩余时限排序</source>
        <translation>{n} open, {late} overdue; by time left</translation>
    </message>
    <message>
        <source>显示前 {k} 件</source>
        <translation>first {k} shown</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>近24小时；超期为当前未办结且已过时限的工单</source>
        <translation>Last 24 h; overdue: open now and past the time limit</translation>
    </message>
    <message>
        <source>网格员：</source>
        <translation>Grid members: </translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>天气 {place} {reading}</source>
        <translation>Weather {place} {reading}</translation>
    </message>
</context>
<context>
    <name>Incident</name>
    <message>
        <source>派遣</source>
        <extracomment>what an SLA timer waits for, as the overdue alarm names it (a step is named by its plan)</extracomment>
        <translation>dispatch</translation>
    </message>
    <message>
        <source>到场</source>
        <translation>on scene</translation>
    </message>
    <message>
        <source>事件 #{id} {title} 超时：{what}</source>
        <translation>Incident #{id} {title} overdue: {what}</translation>
    </message>
    <message>
        <source>特别重大</source>
        <translation>Extremely serious</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Serious</translation>
    </message>
    <message>
        <source>较大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>to dispatch</translation>
    </message>
    <message>
        <source>已派遣</source>
        <translation>dispatched</translation>
    </message>
    <message>
        <source>已到场</source>
        <translation>on scene</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>开启</source>
        <translation>opened</translation>
    </message>
    <message>
        <source>派遣队伍</source>
        <translation>team dispatched</translation>
    </message>
    <message>
        <source>队伍到场</source>
        <translation>team on scene</translation>
    </message>
    <message>
        <source>队伍撤离</source>
        <translation>team released</translation>
    </message>
    <message>
        <source>完成步骤</source>
        <translation>step done</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>调整级别</source>
        <translation>level changed</translation>
    </message>
    <message>
        <source>关联报警</source>
        <translation>alarm joined</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>报警 {ref}</source>
        <translation>alarm {ref}</translation>
    </message>
    <message>
        <source>案件 {ref}</source>
        <translation>case {ref}</translation>
    </message>
    <message>
        <source>视频事件 {ref}</source>
        <translation>video event {ref}</translation>
    </message>
    <message>
        <source>人工开启</source>
        <translation>opened by hand</translation>
    </message>
    <message>
        <source>超时 {over}</source>
        <translation>{over} over</translation>
    </message>
    <message>
        <source>剩 {left}</source>
        <translation>{left} left</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>无进行中的事件</source>
        <translation>No open incidents</translation>
    </message>
    <message>
        <source>本控制台无事件服务</source>
        <translation>No incident book in this console</translation>
    </message>
    <message>
        <source>{n} 起进行中 · {late} 起超时</source>
        <translation>{n} open · {late} overdue</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>无事件</source>
        <translation>No incident</translation>
    </message>
    <message>
        <source>记录或结案总结</source>
        <translation>A note, or the closing summary</translation>
    </message>
    <message>
        <source>完成所选步骤</source>
        <translation>Selected step done</translation>
    </message>
    <message>
        <source>预案：{plan}</source>
        <translation>Plan: {plan}</translation>
    </message>
    <message>
        <source>{due} · 超时 {over}</source>
        <translation>{due} · {over} over</translation>
    </message>
    <message>
        <source>{n} 项超时</source>
        <translation>{n} overdue</translation>
    </message>
    <message>
        <source>未执行：{reason}</source>
        <translation>Not done: {reason}</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>请输入退出密码</source>
        <translation>Enter the exit PIN</translation>
    </message>
    <message>
        <source>已锁定：{n} min</source>
        <translation>Locked: {n} min</translation>
    </message>
    <message>
        <source>请等待 {n} s</source>
        <translation>Wait {n} s</translation>
    </message>
    <message>
        <source>密码错误</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <source>{n} 未报</source>
        <translation>{n} not reporting</translation>
    </message>
    <message>
        <source>{detail} · {coming} 追赶中</source>
        <translation>{detail} · {coming} catching up</translation>
    </message>
    <message>
        <source>全部正常</source>
        <translation>all normal</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>{n} {noun}</source>
        <translation>{n} {noun}</translation>
    </message>
    <message>
        <source>未运行</source>
        <translation>Not in service</translation>
    </message>
    <message>
        <source>{n} 个站点</source>
        <translation>{n} stations</translation>
    </message>
    <message>
        <source>限值 {limit}</source>
        <translation>limit {limit}</translation>
    </message>
    <message>
        <source>{detail} · {limit}</source>
        <translation>{detail} · {limit}</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>农产品监管一张图</source>
        <translation>Produce supervision map</translation>
    </message>
    <message>
        <source>合作社巡检不合格</source>
        <translation>Co-ops failed</translation>
    </message>
    <message>
        <source>农资店巡检不合格</source>
        <translation>Shops failed</translation>
    </message>
    <message>
        <source>待整改</source>
        <translation>Awaiting rectification</translation>
    </message>
    <message>
        <source>门店视频在线</source>
        <translation>Shop video online</translation>
    </message>
    <message>
        <source>合作社与农资店 · 最近巡检</source>
        <translation>Co-ops and shops by last inspection</translation>
    </message>
    <message>
        <source>抽检合格率 (24 h)</source>
        <translation>Sampling pass rate (24 h)</translation>
    </message>
    <message>
        <source>报警</source>
        <translation>Active alarms</translation>
    </message>
    <message>
        <source>农产品质量安全</source>
        <translation>Produce quality and safety</translation>
    </message>
    <message>
        <source>今日合格证</source>
        <translation>Certificates today</translation>
    </message>
    <message>
        <source>今日抽检不合格</source>
        <translation>Failed samples today</translation>
    </message>
    <message>
        <source>今日已巡检</source>
        <translation>Inspections done</translation>
    </message>
    <message>
        <source>今日应巡检</source>
        <translation>Inspections due</translation>
    </message>
    <message>
        <source>追溯查询</source>
        <translation>Batch traceability</translation>
    </message>
    <message>
        <source>网格巡检完成率 (%)</source>
        <translation>Inspections done vs due per grid (%)</translation>
    </message>
    <message>
        <source>农安追溯 · 大屏 16:9</source>
        <translation>Agriculture · wall 16:9</translation>
    </message>
    <message>
        <source>抽检合格率</source>
        <translation>Sampling pass rate (24 h)</translation>
    </message>
    <message>
        <source>网格巡检完成率</source>
        <translation>Inspections done vs due per grid (%)</translation>
    </message>
    <message>
        <source>农安追溯 · 大屏 32:9</source>
        <translation>Agriculture · wall 32:9</translation>
    </message>
    <message>
        <source>配网 · 大屏 16:9</source>
        <translation>Rural grid · wall 16:9</translation>
    </message>
    <message>
        <source>户均停电时间(本年)</source>
        <translation>Outage h per household, this year</translation>
    </message>
    <message>
        <source>分类负荷</source>
        <translation>Load by customer type (MW)</translation>
    </message>
    <message>
        <source>配网 · 大屏 32:9</source>
        <translation>Rural grid · wall 32:9</translation>
    </message>
    <message>
        <source>停电线路</source>
        <translation>Feeder outages (24 h)</translation>
    </message>
    <message>
        <source>防汛 · 大屏 16:9</source>
        <translation>Flood · wall 16:9</translation>
    </message>
    <message>
        <source>防汛 · 大屏 32:9</source>
        <translation>Flood · wall 32:9</translation>
    </message>
    <message>
        <source>互联网医院 · 大屏 16:9</source>
        <translation>Health · wall 16:9</translation>
    </message>
    <message>
        <source>床位超95%</source>
        <translation>Beds above 95 %</translation>
    </message>
    <message>
        <source>互联网医院 · 大屏 32:9</source>
        <translation>Health · wall 32:9</translation>
    </message>
    <message>
        <source>停车 · 大屏 16:9</source>
        <translation>Parking · wall 16:9</translation>
    </message>
    <message>
        <source>今日周转</source>
        <translation>Turnover today (cars per space)</translation>
    </message>
    <message>
        <source>停车 · 大屏 32:9</source>
        <translation>Parking · wall 32:9</translation>
    </message>
    <message>
        <source>智慧文旅 一屏观全县</source>
        <translation>Tourism: the whole county on one screen</translation>
    </message>
    <message>
        <source>全县在园人数</source>
        <translation>Visitors in the spots now</translation>
    </message>
    <message>
        <source>今日入园</source>
        <translation>Entries today</translation>
    </message>
    <message>
        <source>超过80%承载量的景区</source>
        <translation>Spots above 80 % of capacity</translation>
    </message>
    <message>
        <source>文旅报警</source>
        <translation>Tourism alarms</translation>
    </message>
    <message>
        <source>配网一张图</source>
        <translation>Rural grid map</translation>
    </message>
    <message>
        <source>智慧社区 指标与运行</source>
        <translation>Smart communities: indicators and systems</translation>
    </message>
    <message>
        <source>达到80%线的社区</source>
        <translation>Communities at the 80 % line</translation>
    </message>
    <message>
        <source>社区指标平均完成权重</source>
        <translation>Mean completed indicator weight</translation>
    </message>
    <message>
        <source>养老呼叫未处置</source>
        <translation>Open elderly-care calls</translation>
    </message>
    <message>
        <source>社区报警</source>
        <translation>Community alarms</translation>
    </message>
    <message>
        <source>省标准第3部分指标完成权重（80%达标线）</source>
        <translation>Completed weight of the standard's part-3 indicators (80 % line)</translation>
    </message>
    <message>
        <source>智慧社区分布</source>
        <translation>Smart communities</translation>
    </message>
    <message>
        <source>门禁通行（次/5分钟）</source>
        <translation>Access-control events (per 5 min)</translation>
    </message>
    <message>
        <source>快递柜占用 (%)</source>
        <translation>Parcel lockers full (%)</translation>
    </message>
    <message>
        <source>充电桩在用（个）</source>
        <translation>EV chargers in use</translation>
    </message>
    <message>
        <source>试点任务与智慧社区指标</source>
        <translation>Pilot tasks and smart-community indicators</translation>
    </message>
    <message>
        <source>城市规定任务完成权重（任务书）</source>
        <translation>City's prescribed tasks completed (task book)</translation>
    </message>
    <message>
        <source>各社区指标完成权重（80%达标线）</source>
        <translation>Each community's completed indicator weight (80 % line)</translation>
    </message>
    <message>
        <source>智慧社区 · 大屏 32:9</source>
        <translation>Smart communities · wall 32:9</translation>
    </message>
    <message>
        <source>平均完成权重</source>
        <translation>Mean completed weight</translation>
    </message>
    <message>
        <source>智慧社区 · 大屏 16:9</source>
        <translation>Smart communities · wall 16:9</translation>
    </message>
    <message>
        <source>智慧社区一张图</source>
        <translation>Smart communities on one map</translation>
    </message>
    <message>
        <source>充电桩在用</source>
        <translation>EV chargers in use</translation>
    </message>
    <message>
        <source>指标完成权重（80%线）</source>
        <translation>Completed indicator weight (80 % line)</translation>
    </message>
    <message>
        <source>全市负荷</source>
        <translation>Load now</translation>
    </message>
    <message>
        <source>今日峰值</source>
        <translation>Peak today</translation>
    </message>
    <message>
        <source>过载配变</source>
        <translation>Transformers overloaded</translation>
    </message>
    <message>
        <source>户均停电时间（本年）</source>
        <translation>Outage h per household, this year</translation>
    </message>
    <message>
        <source>配网一张图 · 配变负载率</source>
        <translation>Grid map (transformers by load %)</translation>
    </message>
    <message>
        <source>负载率前十</source>
        <translation>Top 10 transformers by load</translation>
    </message>
    <message>
        <source>停电线路 (24 h)</source>
        <translation>Feeder outages (24 h)</translation>
    </message>
    <message>
        <source>配网总览</source>
        <translation>Rural grid overview</translation>
    </message>
    <message>
        <source>全市负荷 (MW)：今日 · 昨日 · 上周同日</source>
        <translation>County load (MW): today · yesterday · same day last week</translation>
    </message>
    <message>
        <source>分类负荷 (MW)</source>
        <translation>Load by customer type (MW)</translation>
    </message>
    <message>
        <source>报警管理</source>
        <translation>Alarm management</translation>
    </message>
    <message>
        <source>报警列表</source>
        <translation>Alarms</translation>
    </message>
    <message>
        <source>报警负荷 (24 h)</source>
        <translation>Alarm load (24 h)</translation>
    </message>
    <message>
        <source>河道视频</source>
        <translation>River cameras</translation>
    </message>
    <message>
        <source>超警戒</source>
        <translation>Above warning</translation>
    </message>
    <message>
        <source>最大雨强</source>
        <translation>Max rainfall</translation>
    </message>
    <message>
        <source>应急指挥</source>
        <translation>Emergency command</translation>
    </message>
    <message>
        <source>影响范围内人口</source>
        <translation>People inside the impact range</translation>
    </message>
    <message>
        <source>影响半径</source>
        <translation>Impact radius</translation>
    </message>
    <message>
        <source>范围内学校</source>
        <translation>Schools inside the range</translation>
    </message>
    <message>
        <source>应急报警</source>
        <translation>Emergency alarms</translation>
    </message>
    <message>
        <source>应急一张图：危险源、队伍、避难场所、影响范围、安全路线</source>
        <translation>Emergency map: hazards, teams, shelters, impact range, safe route</translation>
    </message>
    <message>
        <source>预案步骤与处置时限</source>
        <translation>Plan steps and deadlines</translation>
    </message>
    <message>
        <source>救援力量与物资</source>
        <translation>Rescue teams and supplies</translation>
    </message>
    <message>
        <source>台风与防汛</source>
        <translation>Typhoon and flood</translation>
    </message>
    <message>
        <source>超警戒水位站</source>
        <translation>Gauges above warning</translation>
    </message>
    <message>
        <source>下穿通道积水</source>
        <translation>Flooded underpass</translation>
    </message>
    <message>
        <source>防汛报警</source>
        <translation>Flood alarms</translation>
    </message>
    <message>
        <source>水雨情与防汛力量</source>
        <translation>Water, rain and flood forces</translation>
    </message>
    <message>
        <source>河道水位 (m)</source>
        <translation>River levels (m)</translation>
    </message>
    <message>
        <source>雨强 (mm/h)</source>
        <translation>Rain intensity (mm/h)</translation>
    </message>
    <message>
        <source>防汛队伍与物资</source>
        <translation>Flood teams and supplies</translation>
    </message>
    <message>
        <source>应急指挥 · 大屏 32:9</source>
        <translation>Emergency command · wall 32:9</translation>
    </message>
    <message>
        <source>应急一张图：危险源、救援队伍、避难场所、影响范围、安全路线</source>
        <translation>Emergency map: hazards, rescue teams, shelters, impact range, safe route</translation>
    </message>
    <message>
        <source>范围内医院</source>
        <translation>Hospitals inside the range</translation>
    </message>
    <message>
        <source>事发点周边视频</source>
        <translation>Video near the event</translation>
    </message>
    <message>
        <source>防汛一张图</source>
        <translation>Flood map</translation>
    </message>
    <message>
        <source>在报站点</source>
        <translation>Gauges reporting</translation>
    </message>
    <message>
        <source>超保证</source>
        <translation>Above guarantee</translation>
    </message>
    <message>
        <source>{river} 水位 (m) — 点选地图站点</source>
        <translation>{river_en} water levels (m) — click a gauge</translation>
    </message>
    <message>
        <source>防汛总览</source>
        <translation>Flood overview</translation>
    </message>
    <message>
        <source>{river} 水位 (m)</source>
        <translation>{river_en} water levels (m)</translation>
    </message>
    <message>
        <source>网格化治理 诉求与办理</source>
        <translation>Grid governance: complaints and their handling</translation>
    </message>
    <message>
        <source>近24小时受理</source>
        <translation>Received, last 24 h</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <source>超期未办结</source>
        <translation>Overdue, open</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>治理报警</source>
        <translation>Governance alarms</translation>
    </message>
    <message>
        <source>网格与工单一张图（按办理阶段）</source>
        <translation>Grids and cases on one map (by stage)</translation>
    </message>
    <message>
        <source>各网格办理情况</source>
        <translation>Cases by grid</translation>
    </message>
    <message>
        <source>在办工单（按剩余时限）</source>
        <translation>Open cases (by time left)</translation>
    </message>
    <message>
        <source>近1小时受理（件）</source>
        <translation>Received in the last hour</translation>
    </message>
    <message>
        <source>事件处置时间线</source>
        <translation>Incident timeline</translation>
    </message>
    <message>
        <source>各承办部门办理情况</source>
        <translation>Cases by department</translation>
    </message>
    <message>
        <source>网格化治理 · 大屏 16:9</source>
        <translation>Grid governance · wall 16:9</translation>
    </message>
    <message>
        <source>网格与工单一张图</source>
        <translation>Grids and cases on one map</translation>
    </message>
    <message>
        <source>网格化治理 · 大屏 32:9</source>
        <translation>Grid governance · wall 32:9</translation>
    </message>
    <message>
        <source>医疗一张图</source>
        <translation>Health map</translation>
    </message>
    <message>
        <source>候诊超限</source>
        <translation>Queues over limit</translation>
    </message>
    <message>
        <source>床位超 95%</source>
        <translation>Beds above 95 %</translation>
    </message>
    <message>
        <source>全市在院</source>
        <translation>Inpatients</translation>
    </message>
    <message>
        <source>在线问诊</source>
        <translation>Online consultations</translation>
    </message>
    <message>
        <source>医院候诊</source>
        <translation>Hospital queues</translation>
    </message>
    <message>
        <source>候诊人数</source>
        <translation>Outpatient queues</translation>
    </message>
    <message>
        <source>互联网医院</source>
        <translation>Internet hospital</translation>
    </message>
    <message>
        <source>今日预约</source>
        <translation>Appointments booked</translation>
    </message>
    <message>
        <source>预约就诊</source>
        <translation>Appointments served</translation>
    </message>
    <message>
        <source>电子处方</source>
        <translation>E-prescriptions</translation>
    </message>
    <message>
        <source>电子健康卡</source>
        <translation>E-health-card scans</translation>
    </message>
    <message>
        <source>{name} 候诊</source>
        <translation>{name} queue</translation>
    </message>
    <message>
        <source>{name} 床位使用率</source>
        <translation>{name} beds</translation>
    </message>
    <message>
        <source>今日在线问诊与预约</source>
        <translation>Consultations vs appointments today</translation>
    </message>
    <message>
        <source>停车一张图</source>
        <translation>Parking map</translation>
    </message>
    <message>
        <source>全市空位</source>
        <translation>Free spaces</translation>
    </message>
    <message>
        <source>占用率</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <source>已满车场</source>
        <translation>Car parks full</translation>
    </message>
    <message>
        <source>今日周转（车次/车位）</source>
        <translation>Turnover today (cars per space)</translation>
    </message>
    <message>
        <source>停车一张图 · 车场占用率</source>
        <translation>Car parks by occupancy</translation>
    </message>
    <message>
        <source>分类占用率 (%)</source>
        <translation>Occupancy by type (%)</translation>
    </message>
    <message>
        <source>智慧停车</source>
        <translation>Smart parking</translation>
    </message>
    <message>
        <source>今日收入</source>
        <translation>Revenue today</translation>
    </message>
    <message>
        <source>停车诱导</source>
        <translation>Parking guidance</translation>
    </message>
    <message>
        <source>智慧灯杆</source>
        <translation>Smart lamp posts</translation>
    </message>
    <message>
        <source>亮灯数</source>
        <translation>Lamps on</translation>
    </message>
    <message>
        <source>故障灯杆</source>
        <translation>Posts at fault</translation>
    </message>
    <message>
        <source>充电总功率</source>
        <translation>Charging power</translation>
    </message>
    <message>
        <source>灯杆报警</source>
        <translation>Lamp post alarms</translation>
    </message>
    <message>
        <source>灯杆一张图</source>
        <translation>Lamp posts on one map</translation>
    </message>
    <message>
        <source>信息屏当前内容</source>
        <translation>What the displays show</translation>
    </message>
    <message>
        <source>亮灯数（日落亮、日出灭）</source>
        <translation>Lamps on (on at sunset, off at sunrise)</translation>
    </message>
    <message>
        <source>智慧灯杆 · 大屏 16:9</source>
        <translation>Smart lamp posts · wall 16:9</translation>
    </message>
    <message>
        <source>充电功率 (kW)</source>
        <translation>Charging power (kW)</translation>
    </message>
    <message>
        <source>智慧灯杆 · 大屏 32:9</source>
        <translation>Smart lamp posts · wall 32:9</translation>
    </message>
    <message>
        <source>试点任务看板</source>
        <translation>Pilot task board</translation>
    </message>
    <message>
        <source>新型智慧城市试点任务</source>
        <translation>Pilot task book</translation>
    </message>
    <message>
        <source>过夜游客占比</source>
        <translation>Visitors staying overnight</translation>
    </message>
    <message>
        <source>县域平均停留（小时）</source>
        <translation>Mean stay in the county (hours)</translation>
    </message>
    <message>
        <source>一屏观全县 · 景区承载率与周边停车场</source>
        <translation>The whole county on one screen · spots' share of capacity and nearby car parks</translation>
    </message>
    <message>
        <source>各景区承载率（%）</source>
        <translation>Share of capacity by spot (%)</translation>
    </message>
    <message>
        <source>游客来源：本县 · 省内 · 省外（%）</source>
        <translation>Where visitors come from: this county · the province · other provinces (%)</translation>
    </message>
    <message>
        <source>景区周边停车场空位</source>
        <translation>Free spaces near the spots</translation>
    </message>
    <message>
        <source>文旅 · 大屏 16:9 · 一屏观全县</source>
        <translation>Tourism · wall 16:9 · the whole county</translation>
    </message>
    <message>
        <source>客满景区</source>
        <translation>Spots at capacity</translation>
    </message>
    <message>
        <source>文旅 · 大屏 32:9 · 一屏观全县</source>
        <translation>Tourism · wall 32:9 · the whole county</translation>
    </message>
    <message>
        <source>智慧公交 实时运行</source>
        <translation>Smart buses live</translation>
    </message>
    <message>
        <source>在线车辆</source>
        <translation>Buses in service</translation>
    </message>
    <message>
        <source>串车</source>
        <translation>Bunching</translation>
    </message>
    <message>
        <source>大间隔</source>
        <translation>Gaps</translation>
    </message>
    <message>
        <source>平均满载率最高线路</source>
        <translation>Route with the highest average load</translation>
    </message>
    <message>
        <source>线路车辆间隔</source>
        <translation>Headways per route</translation>
    </message>
    <message>
        <source>电子站牌 · 行政街</source>
        <translation>E-stop board · Xingzheng St</translation>
    </message>
    <message>
        <source>分时段客流与加车建议</source>
        <translation>Passenger flow by hour and trips to add</translation>
    </message>
    <message>
        <source>公交站点与下一班车</source>
        <translation>Bus stops and next buses</translation>
    </message>
    <message>
        <source>各线路平均满载率 (%，10分钟滑动平均)</source>
        <translation>Mean load per route (%, 10-min rolling mean)</translation>
    </message>
    <message>
        <source>公交报警</source>
        <translation>Bus alarms</translation>
    </message>
    <message>
        <source>条线路</source>
        <translation>routes</translation>
    </message>
    <message>
        <source>无车辆运营</source>
        <translation>No buses in service</translation>
    </message>
    <message>
        <source>智慧公交 · 大屏 16:9</source>
        <translation>Smart buses · wall 16:9</translation>
    </message>
    <message>
        <source>最高平均满载率</source>
        <translation>Highest average load</translation>
    </message>
    <message>
        <source>公交一张图 · 站点与下一班车</source>
        <translation>Bus map · stops and next buses</translation>
    </message>
    <message>
        <source>智慧公交 · 大屏 32:9</source>
        <translation>Smart buses · wall 32:9</translation>
    </message>
    <message>
        <source>各站上车客流 (人/h)</source>
        <translation>Boardings per stop (per h)</translation>
    </message>
</context>
<context>
    <name>LayoutEditor</name>
    <message>
        <source>编辑布局 · {name}</source>
        <translation>Edit layout · {name}</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>应用网格</source>
        <translation>Set grid</translation>
    </message>
    <message>
        <source>添加图块</source>
        <translation>Add tile</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>应用到图块</source>
        <translation>Apply to tile</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>上屏</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>没有空位：请删除一个图块或扩大网格</source>
        <translation>No free cell: remove a tile or enlarge the grid</translation>
    </message>
    <message>
        <source>选项无效，未应用：{error}</source>
        <translation>Options not applied: {error}</translation>
    </message>
    <message>
        <source>未应用：{error}</source>
        <translation>Not applied: {error}</translation>
    </message>
    <message>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>请输入新布局的名称</source>
        <translation>Give the new layout a name</translation>
    </message>
    <message>
        <source>未保存：{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>未执行：{error}</source>
        <translation>Refused: {error}</translation>
    </message>
    <message>
        <source>选择一个图块</source>
        <translation>Select a tile</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>查看员</source>
        <translation>viewer</translation>
    </message>
    <message>
        <source>值班员</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>请输入用户名</source>
        <translation>Enter your name</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>演示自动登录：{user}（{role}）</source>
        <translation>DEMO AUTO-LOGIN: {user} ({role})</translation>
    </message>
    <message>
        <source>闲置已退出</source>
        <translation>logged out (idle)</translation>
    </message>
    <message>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong name or password</translation>
    </message>
    <message>
        <source>账户已锁定：连续 {n} 次登录失败，请 {left} min 后再试</source>
        <translation>Locked after {n} failed logins: try again in {left} min</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{city}</source>
        <translation>{city_en}</translation>
    </message>
    <message>
        <source>{city}城市运营中心</source>
        <translation>{city_en} Operations Centre</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <source>操作失败 {action}：{error}</source>
        <translation>{action} failed: {error}</translation>
    </message>
    <message>
        <source>追赶中</source>
        <translation>catching up</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>live</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>down</translation>
    </message>
    <message>
        <source>{n} 条读数</source>
        <translation>{n} readings</translation>
    </message>
    <message>
        <source>无数据源</source>
        <translation>no live sources</translation>
    </message>
    <message>
        <source>（离线模式）</source>
        <translation> (offline mode)</translation>
    </message>
    <message>
        <source>缓存 {mb} MB</source>
        <translation>cache {mb} MB</translation>
    </message>
    <message>
        <source>报警 {open} · 未确认 {unack}</source>
        <translation>alarms {open} · unack {unack}</translation>
    </message>
    <message>
        <source>✕ 单机：中心服务器不可达</source>
        <translation>✕ standalone: the centre's broker is unreachable</translation>
    </message>
    <message>
        <source>中心 {name} · {up}/{n} 在线</source>
        <translation>Centre {name} · {up}/{n} online</translation>
    </message>
    <message>
        <source>引擎</source>
        <translation>engine</translation>
    </message>
    <message>
        <source>坐席</source>
        <translation>desk</translation>
    </message>
    <message>
        <source>大屏</source>
        <translation>wall</translation>
    </message>
</context>
<context>
    <name>Map</name>
    <message>
        <source>地图加载中…</source>
        <translation>Loading the map…</translation>
    </message>
    <message>
        <source>底图不可用：{error}</source>
        <translation>Base map unavailable: {error}</translation>
    </message>
    <message>
        <source>地图渲染进程已退出，正在重新加载</source>
        <translation>The map renderer died; reloading the map</translation>
    </message>
    <message>
        <source>地图页面加载失败</source>
        <translation>The map page failed to load</translation>
    </message>
    <message>
        <source>{name} 空位 {free}/{capacity}</source>
        <translation>{name} {free}/{capacity} free</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>fault</translation>
    </message>
    <message>
        <source>亮</source>
        <translation>on</translation>
    </message>
    <message>
        <source>灭</source>
        <translation>off</translation>
    </message>
    <message>
        <source>{name} {lamp} · 屏：{message}</source>
        <translation>{name} {lamp} · display: {message}</translation>
    </message>
    <message>
        <source>{name} · 今日已无班次</source>
        <translation>{name} · no more buses today</translation>
    </message>
    <message>
        <source>{route} {minutes}分</source>
        <translation>{route} {minutes} min</translation>
    </message>
    <message>
        <source>{route} {minutes}分(计划)</source>
        <translation>{route} {minutes} min (timetable)</translation>
    </message>
</context>
<context>
    <name>MapLines</name>
    <message>
        <source>河流</source>
        <translation>Rivers</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>布局名称或命令（auto, hold, veto, play …）</source>
        <translation>Layout name or command (auto, hold, veto, play …)</translation>
    </message>
    <message>
        <source>恢复自动（日程或轮播）</source>
        <translation>Back to schedule / playlist</translation>
    </message>
    <message>
        <source>暂停/继续轮播</source>
        <translation>Hold or resume the playlist</translation>
    </message>
    <message>
        <source>否决报警接管</source>
        <translation>Veto the alarm takeover</translation>
    </message>
    <message>
        <source>停止轮播</source>
        <translation>Stop the playlist</translation>
    </message>
    <message>
        <source>轮播下一项</source>
        <translation>Next playlist item</translation>
    </message>
    <message>
        <source>轮播上一项</source>
        <translation>Previous playlist item</translation>
    </message>
    <message>
        <source>编辑布局</source>
        <translation>Edit the layout</translation>
    </message>
    <message>
        <source>轮播 {name}</source>
        <translation>Play {name}</translation>
    </message>
</context>
<context>
    <name>Parking</name>
    <message>
        <source>停车场</source>
        <translation>Car park</translation>
    </message>
    <message>
        <source>空位</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>距离</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <source>有空位</source>
        <translation>room</translation>
    </message>
    <message>
        <source>已满</source>
        <translation>full</translation>
    </message>
    <message>
        <source>诱导点</source>
        <translation>point</translation>
    </message>
    <message>
        <source>尚无停车场</source>
        <translation>No car parks known yet</translation>
    </message>
    <message>
        <source>最近有空位的车场 · 全市空位 {n}</source>
        <translation>nearest with room · {n} free in the city</translation>
    </message>
</context>
<context>
    <name>Plugin</name>
    <message>
        <source>农产品质量安全</source>
        <translation>Produce quality and safety</translation>
    </message>
    <message>
        <source>智慧能源</source>
        <translation>Rural grid and energy</translation>
    </message>
    <message>
        <source>防汛监测</source>
        <translation>Flood monitoring</translation>
    </message>
    <message>
        <source>互联网医院</source>
        <translation>Internet hospital and health platform</translation>
    </message>
    <message>
        <source>智慧停车</source>
        <translation>Smart parking</translation>
    </message>
    <message>
        <source>试点任务书</source>
        <translation>Pilot task board</translation>
    </message>
    <message>
        <source>智慧社区</source>
        <translation>Smart communities</translation>
    </message>
    <message>
        <source>智慧灯杆</source>
        <translation>Smart lamp posts</translation>
    </message>
    <message>
        <source>智慧文旅</source>
        <translation>Smart tourism</translation>
    </message>
    <message>
        <source>智慧公交</source>
        <translation>Smart transit</translation>
    </message>
    <message>
        <source>应急指挥</source>
        <translation>Emergency command</translation>
    </message>
    <message>
        <source>网格化治理</source>
        <translation>Grid governance</translation>
    </message>
</context>
<context>
    <name>RemoteWalls</name>
    <message>
        <source>轮播 {playlist}（暂停）</source>
        <translation>playlist {playlist} (held)</translation>
    </message>
    <message>
        <source>轮播 {playlist}</source>
        <translation>playlist {playlist}</translation>
    </message>
    <message>
        <source>在线</source>
        <translation>online</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>中心暂无其他大屏</source>
        <translation>No other wall at the centre</translation>
    </message>
    <message>
        <source>中心大屏</source>
        <translation>Centre walls</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <source>回放 {start}–{end}</source>
        <translation>REPLAY {start}–{end}</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>抽检不合格</source>
        <translation>Failed sample</translation>
    </message>
    <message>
        <source>{name} 抽检不合格：批次已扣留，待复检</source>
        <translation>{name} failed sample: batch held, re-check due</translation>
    </message>
    <message>
        <source>封存该批次产品，暂停合格证开具</source>
        <translation>Hold the batch; stop issuing its certificates</translation>
    </message>
    <message>
        <source>通知属地监管站2小时内复检留样</source>
        <translation>Have the township station re-test the kept sample within 2 hours</translation>
    </message>
    <message>
        <source>追溯该批次农资购买记录与去向</source>
        <translation>Trace the batch's input purchases and where it was sold</translation>
    </message>
    <message>
        <source>复检仍不合格的，依法销毁并立案调查</source>
        <translation>If the re-test fails, destroy the batch and open a case</translation>
    </message>
    <message>
        <source>巡检不合格</source>
        <translation>Failed inspection</translation>
    </message>
    <message>
        <source>{name} 巡检不合格：在售违禁产品</source>
        <translation>{name} failed inspection: banned product on sale</translation>
    </message>
    <message>
        <source>责令下架禁限用农资并登记数量</source>
        <translation>Order the banned inputs off the shelf and count them</translation>
    </message>
    <message>
        <source>调取门店销售台账，追查购买农户</source>
        <translation>Get the shop's sales ledger and find the farmers who bought them</translation>
    </message>
    <message>
        <source>移交农业综合执法大队立案</source>
        <translation>Hand the case to agricultural law enforcement</translation>
    </message>
    <message>
        <source>门店视频离线</source>
        <translation>Shop video offline</translation>
    </message>
    <message>
        <source>{name} 门店视频离线</source>
        <translation>{name} shop video offline</translation>
    </message>
    <message>
        <source>抽检合格率偏低</source>
        <translation>Sampling pass rate low</translation>
    </message>
    <message>
        <source>抽检合格率偏低：{value:.1f} % &lt; {limit:.1f} %</source>
        <translation>sampling pass rate low: {value:.1f} % &lt; {limit:.1f} %</translation>
    </message>
    <message>
        <source>配变过载</source>
        <translation>Transformer overloaded</translation>
    </message>
    <message>
        <source>{name} 过载：{value:.0f} kW &gt; 额定 {limit:.0f} kW</source>
        <translation>{name} overloaded: {value:.0f} kW &gt; {limit:.0f} kW rated</translation>
    </message>
    <message>
        <source>核实负荷：对照该台区今日、昨日曲线与终端数据</source>
        <translation>Verify: compare the transformer's load today and yesterday</translation>
    </message>
    <message>
        <source>通知供电所运维班到现场测温、查看油位与接头</source>
        <translation>Send the supply station's crew to check temperature, oil and joints</translation>
    </message>
    <message>
        <source>转移负荷：调整联络开关，将部分用户切至相邻台区</source>
        <translation>Shift load: move customers to a neighbouring transformer through the tie switch</translation>
    </message>
    <message>
        <source>负荷持续超限时申请增容或临时加装移动变压器</source>
        <translation>If the overload persists, request more capacity or a mobile transformer</translation>
    </message>
    <message>
        <source>故障跳闸</source>
        <translation>Feeder tripped</translation>
    </message>
    <message>
        <source>{name} 故障跳闸：线路停电</source>
        <translation>{name} tripped: feeder out of supply</translation>
    </message>
    <message>
        <source>确认停电范围：查看故障指示器动作区段与停电台区</source>
        <translation>Confirm the outage: the tripped section and the transformers without supply</translation>
    </message>
    <message>
        <source>派抢修队沿线巡查故障点，优先恢复重要用户</source>
        <translation>Send the repair crew along the line; restore priority customers first</translation>
    </message>
    <message>
        <source>通过95598和村级网格员发布停电信息</source>
        <translation>Tell customers through 95598 and the village grid workers</translation>
    </message>
    <message>
        <source>恢复送电后核对户均停电时间</source>
        <translation>After restoring supply, check the outage hours per household</translation>
    </message>
    <message>
        <source>配变终端离线</source>
        <translation>Terminal offline</translation>
    </message>
    <message>
        <source>{name} 终端离线 {age}</source>
        <translation>{name} terminal offline for {age}</translation>
    </message>
    <message>
        <source>检查终端通信（载波/4G）与供电</source>
        <translation>Check the terminal's link (PLC / 4G) and its power</translation>
    </message>
    <message>
        <source>通知计量运维班到现场</source>
        <translation>Send the metering crew to the site</translation>
    </message>
    <message>
        <source>超保证水位</source>
        <translation>Above guarantee level</translation>
    </message>
    <message>
        <source>{name} 超保证水位：{value:.2f} m &gt; {limit:.2f} m</source>
        <translation>{name} above guarantee level: {value:.2f} m &gt; {limit:.2f} m</translation>
    </message>
    <message>
        <source>立即报告防汛指挥部值班领导，启动相应级别应急响应</source>
        <translation>Report to the flood-control HQ duty chief at once; start the matching emergency response level</translation>
    </message>
    <message>
        <source>通知下游沿河乡镇、村组按预案转移危险区群众</source>
        <translation>Tell downstream towns and villages to evacuate the danger zone as the plan says</translation>
    </message>
    <message>
        <source>调度上游水库、闸坝削峰错峰，记录调度指令</source>
        <translation>Have upstream reservoirs and sluices cut and delay the peak; log every order given</translation>
    </message>
    <message>
        <source>组织抢险队伍和物资（编织袋、块石）到险工险段</source>
        <translation>Send the rescue team and materials (sandbags, rock) to the weak levee sections</translation>
    </message>
    <message>
        <source>每15分钟复核水位与雨情，直至回落至保证水位以下</source>
        <translation>Re-check level and rainfall every 15 minutes until back below guarantee level</translation>
    </message>
    <message>
        <source>超警戒水位</source>
        <translation>Above warning level</translation>
    </message>
    <message>
        <source>{name} 超警戒水位：{value:.2f} m &gt; {limit:.2f} m</source>
        <translation>{name} above warning level: {value:.2f} m &gt; {limit:.2f} m</translation>
    </message>
    <message>
        <source>核实水位：查看该站及上下游站点曲线与河道视频</source>
        <translation>Verify: compare neighbouring gauges and the river cameras</translation>
    </message>
    <message>
        <source>通知属地乡镇和河长，安排人员巡堤查险</source>
        <translation>Notify the township and the river chief; start levee patrols</translation>
    </message>
    <message>
        <source>检查排涝泵站与闸门状态，做好开闸准备</source>
        <translation>Check drainage pumps and gates; be ready to open them</translation>
    </message>
    <message>
        <source>关注气象雨情预报，加密观测频次</source>
        <translation>Watch the rainfall forecast; observe more often</translation>
    </message>
    <message>
        <source>水位数据中断</source>
        <translation>Gauge data missing</translation>
    </message>
    <message>
        <source>{name} 数据中断 {age}</source>
        <translation>{name} no data for {age}</translation>
    </message>
    <message>
        <source>检查遥测终端供电与通信（4G/北斗）状态</source>
        <translation>Check the telemetry unit's power and link (4G / BeiDou)</translation>
    </message>
    <message>
        <source>联系运维单位派员到站，必要时人工观测水尺</source>
        <translation>Call maintenance to the site; read the staff gauge by hand if needed</translation>
    </message>
    <message>
        <source>摄像机离线</source>
        <translation>Camera offline</translation>
    </message>
    <message>
        <source>{name} 摄像机离线</source>
        <translation>{name} camera offline</translation>
    </message>
    <message>
        <source>通知视频运维单位检修</source>
        <translation>Ask video maintenance to repair the camera</translation>
    </message>
    <message>
        <source>视频识别：水位越线</source>
        <translation>Video: water above the mark</translation>
    </message>
    <message>
        <source>{name} 视频识别：水位越过警戒标线</source>
        <translation>{name} video analytics: water above the warning mark</translation>
    </message>
    <message>
        <source>查看该摄像机实时视频与报警帧，核对水尺读数</source>
        <translation>Watch the camera live and its alarm frame; read the staff gauge</translation>
    </message>
    <message>
        <source>与附近水位站曲线比对，确认是否超警戒</source>
        <translation>Compare with the nearest gauge's curve to confirm the warning level</translation>
    </message>
    <message>
        <source>摄像机无响应</source>
        <translation>Camera silent</translation>
    </message>
    <message>
        <source>{name} 摄像机无响应 {age}</source>
        <translation>{name} camera silent for {age}</translation>
    </message>
    <message>
        <source>候诊排队过长</source>
        <translation>Outpatient queue long</translation>
    </message>
    <message>
        <source>{name} 候诊排队过长：{value:.0f} &gt; {limit:.0f}</source>
        <translation>{name} outpatient queue long: {value:.0f} &gt; {limit:.0f}</translation>
    </message>
    <message>
        <source>增开门诊诊室与挂号收费窗口</source>
        <translation>Open more consulting rooms and registration windows</translation>
    </message>
    <message>
        <source>引导复诊患者转互联网医院在线问诊</source>
        <translation>Direct follow-up patients to online consultations</translation>
    </message>
    <message>
        <source>安排导医分流，发布候诊信息</source>
        <translation>Send guides to spread the queue; publish waiting times</translation>
    </message>
    <message>
        <source>床位紧张</source>
        <translation>Beds nearly full</translation>
    </message>
    <message>
        <source>{name} 床位紧张：超过 {limit:.0f} %，现 {value:.1f} %</source>
        <translation>{name} beds above {limit:.0f} %: {value:.1f} %</translation>
    </message>
    <message>
        <source>启动院内床位统筹，加快符合条件患者出院</source>
        <translation>Pool the hospital's beds; discharge patients who are ready</translation>
    </message>
    <message>
        <source>联系医共体内有空床的医院与乡镇卫生院接收转诊</source>
        <translation>Ask hospitals and township clinics with free beds to take transfers</translation>
    </message>
    <message>
        <source>暂缓择期手术入院，保障急诊床位</source>
        <translation>Defer planned admissions; keep beds for emergencies</translation>
    </message>
    <message>
        <source>向卫健局报告床位使用情况</source>
        <translation>Report bed use to the health bureau</translation>
    </message>
    <message>
        <source>医院数据中断</source>
        <translation>Hospital data missing</translation>
    </message>
    <message>
        <source>车场满位</source>
        <translation>Car park full</translation>
    </message>
    <message>
        <source>{name} 车位已满超过30分钟</source>
        <translation>{name} full for more than 30 minutes</translation>
    </message>
    <message>
        <source>诱导屏与导航发布附近有空位的停车场</source>
        <translation>Put the nearest car parks with room on the guidance signs and navigation apps</translation>
    </message>
    <message>
        <source>通知交警与停车管理员疏导入口排队车辆</source>
        <translation>Ask traffic police and the attendants to clear the queue at the entrance</translation>
    </message>
    <message>
        <source>必要时开放临时停车点或错峰共享车位</source>
        <translation>Open temporary parking or shared spaces if needed</translation>
    </message>
    <message>
        <source>车位检测离线</source>
        <translation>Space sensor offline</translation>
    </message>
    <message>
        <source>{name} 车位检测离线 {age}</source>
        <translation>{name} space sensor offline for {age}</translation>
    </message>
    <message>
        <source>通知停车场运维检查车位检测器与网关</source>
        <translation>Ask the car park's maintenance to check the sensors and gateway</translation>
    </message>
    <message>
        <source>审计归档写入失败</source>
        <translation>Audit archive write failed</translation>
    </message>
    <message>
        <source>检查 PostgreSQL 服务器与网络，以及归档账户的权限</source>
        <translation>Check the PostgreSQL server, the network and the archive account's rights</translation>
    </message>
    <message>
        <source>审计记录保存在引擎缓存中，恢复后自动补写</source>
        <translation>The audit rows are kept in the engine's cache and copied once it is back</translation>
    </message>
    <message>
        <source>审计归档 PostgreSQL 不可达，记录暂存于引擎缓存：{error}</source>
        <translation>Audit archive: PostgreSQL unreachable, rows kept in the engine's cache: {error}</translation>
    </message>
    <message>
        <source>电话回拨老人或紧急联系人，确认情况</source>
        <translation>Call the resident or their emergency contact back; find out what happened</translation>
    </message>
    <message>
        <source>派社区网格员或家庭医生15分钟内上门</source>
        <translation>Send the grid worker or family doctor to the home within 15 minutes</translation>
    </message>
    <message>
        <source>需要时拨打120并开启门禁、电梯绿色通道</source>
        <translation>Call 120 if needed; open the gates and lift for the ambulance</translation>
    </message>
    <message>
        <source>上门处置后在养老平台登记结果</source>
        <translation>Record the outcome on the elderly-care platform after the visit</translation>
    </message>
    <message>
        <source>养老紧急呼叫</source>
        <translation>Elderly-care call</translation>
    </message>
    <message>
        <source>{name} 老人紧急呼叫未处置：{value:.0f}</source>
        <translation>{name} elderly-care calls open: {value:.0f}</translation>
    </message>
    <message>
        <source>快递柜将满</source>
        <translation>Parcel lockers nearly full</translation>
    </message>
    <message>
        <source>{name} 快递柜占用 {value:.0f} %</source>
        <translation>{name} lockers {value:.0f} % full</translation>
    </message>
    <message>
        <source>通知快递企业暂缓投柜或增派临时存放点</source>
        <translation>Ask the couriers to hold deliveries or open a temporary pick-up point</translation>
    </message>
    <message>
        <source>社区数据中断</source>
        <translation>Community data missing</translation>
    </message>
    <message>
        <source>{name} 门禁数据中断 {age}</source>
        <translation>{name}: no access-control data for {age}</translation>
    </message>
    <message>
        <source>远程复位单灯控制器，确认故障仍在</source>
        <translation>Reset the post's lamp controller remotely; confirm the fault persists</translation>
    </message>
    <message>
        <source>派路灯维护班组到场检修，夜间先设警示</source>
        <translation>Send the lighting crew; at night put up a warning first</translation>
    </message>
    <message>
        <source>检查同一回路其他灯杆与充电桩是否受影响</source>
        <translation>Check the other posts and chargers on the same circuit</translation>
    </message>
    <message>
        <source>灯杆故障</source>
        <translation>Lamp post fault</translation>
    </message>
    <message>
        <source>{name} 单灯控制器报告故障</source>
        <translation>{name}: the lamp controller reports a fault</translation>
    </message>
    <message>
        <source>灯杆离线</source>
        <translation>Lamp post offline</translation>
    </message>
    <message>
        <source>{name} 单灯控制器离线 {age}</source>
        <translation>{name} lamp controller offline: no report for {age}</translation>
    </message>
    <message>
        <source>检查灯杆网关与通信链路（4G/5G、电力载波）</source>
        <translation>Check the post's gateway and its link (4G/5G, power-line carrier)</translation>
    </message>
    <message>
        <source>夜间派员现场确认灯是否亮</source>
        <translation>At night send someone to see whether the lamp is lit</translation>
    </message>
    <message>
        <source>检查缓存所在磁盘的剩余空间</source>
        <translation>Check the free space of the disk holding the cache</translation>
    </message>
    <message>
        <source>释放空间或用 --cache 指定其他目录</source>
        <translation>Free space, or start with --cache on another disk</translation>
    </message>
    <message>
        <source>内存中的读数将在可写入后补写</source>
        <translation>Readings held in memory are written once there is room</translation>
    </message>
    <message>
        <source>缓存写入失败</source>
        <translation>Cache write failed</translation>
    </message>
    <message>
        <source>启动限流：分时段预约、入口排队分流</source>
        <translation>Limit entry: timed reservations, split the queues at the gates</translation>
    </message>
    <message>
        <source>发布拥挤提示，引导游客错峰或前往周边景区</source>
        <translation>Publish a crowding notice; guide visitors to other times or nearby spots</translation>
    </message>
    <message>
        <source>通知交警与停车场疏导周边交通</source>
        <translation>Ask traffic police and the car parks to direct traffic around the spot</translation>
    </message>
    <message>
        <source>立即停止售票和入园，只出不进</source>
        <translation>Stop ticket sales and entry at once: exits only</translation>
    </message>
    <message>
        <source>在入口和周边道路发布客满信息，引导车辆停放</source>
        <translation>Announce the spot full at the gates and on the roads; direct cars to parking</translation>
    </message>
    <message>
        <source>加派安保与医疗力量到人流密集点位，防止踩踏</source>
        <translation>Send more security and first aid to the crowded points; prevent a crush</translation>
    </message>
    <message>
        <source>每15分钟报告在园人数，降至80%以下后恢复预约入园</source>
        <translation>Report visitors every 15 minutes; reopen by reservation below 80 %</translation>
    </message>
    <message>
        <source>景区客满</source>
        <translation>Scenic spot full</translation>
    </message>
    <message>
        <source>{name} 在园人数达到最大承载量：{value:.0f} % ≥ {limit:.0f} %</source>
        <translation>{name} at capacity: {value:.0f} % ≥ {limit:.0f} %</translation>
    </message>
    <message>
        <source>景区接近饱和</source>
        <translation>Scenic spot near capacity</translation>
    </message>
    <message>
        <source>{name} 在园人数超过承载量80%：{value:.0f} %</source>
        <translation>{name} above 80 % of capacity: {value:.0f} %</translation>
    </message>
    <message>
        <source>客流数据中断</source>
        <translation>Visitor counts missing</translation>
    </message>
    <message>
        <source>{name} 客流数据中断 {age}</source>
        <translation>{name}: no visitor counts for {age}</translation>
    </message>
    <message>
        <source>通知后车驻站调整：在下一站停留至计划间隔的一半</source>
        <translation>Hold the bus behind at its next stop until half the scheduled headway has passed</translation>
    </message>
    <message>
        <source>前车不停靠非必要站点（越站快行），拉开间隔</source>
        <translation>Let the bus ahead skip stops with no one waiting to open the headway</translation>
    </message>
    <message>
        <source>在电子站牌发布后车较空的提示</source>
        <translation>Tell passengers on the e-stop boards that the bus behind has room</translation>
    </message>
    <message>
        <source>查明前方车辆延误原因（故障、事故、拥堵），联系驾驶员</source>
        <translation>Find why the bus ahead is late (breakdown, crash, congestion); call its driver</translation>
    </message>
    <message>
        <source>从场站调派备用车在间隔处插入发车</source>
        <translation>Send a spare bus from the depot into the gap</translation>
    </message>
    <message>
        <source>在受影响站点的电子站牌发布延误信息</source>
        <translation>Put the delay on the e-stop boards of the stops affected</translation>
    </message>
    <message>
        <source>核对该线路本时段各站上车客流</source>
        <translation>Check the route's boardings per stop in this hour</translation>
    </message>
    <message>
        <source>在下一运营日该时段加开一班（或调整发车间隔）</source>
        <translation>Add a trip in this hour from the next service day (or shorten the headway)</translation>
    </message>
    <message>
        <source>串车</source>
        <translation>Bus bunching</translation>
    </message>
    <message>
        <source>{name} 与前车间隔过小：计划间隔的 {value:.2f} 倍 &lt; {limit:.2f}</source>
        <translation>{name} too close to the bus ahead: {value:.2f} × scheduled headway &lt; {limit:.2f}</translation>
    </message>
    <message>
        <source>大间隔</source>
        <translation>Service gap</translation>
    </message>
    <message>
        <source>{name} 与前车间隔过大：计划间隔的 {value:.2f} 倍 &gt; {limit:.1f}</source>
        <translation>{name} far behind the bus ahead: {value:.2f} × scheduled headway &gt; {limit:.1f}</translation>
    </message>
    <message>
        <source>建议加车</source>
        <translation>Add a bus</translation>
    </message>
    <message>
        <source>{name} 平均满载率 {value:.0f} % &gt; {limit:.0f} % 持续半小时：本时段建议加车</source>
        <translation>{name} mean load {value:.0f} % &gt; {limit:.0f} % for half an hour: add a bus in this hour</translation>
    </message>
    <message>
        <source>车载定位中断</source>
        <translation>Bus positions missing</translation>
    </message>
    <message>
        <source>{name} 车辆定位数据中断 {age}</source>
        <translation>{name}: no bus positions for {age}</translation>
    </message>
    <message>
        <source>事件处置超时</source>
        <extracomment>an incident's SLA ran out: one system alarm per overdue incident, cleared when nothing is late</extracomment>
        <translation>Incident response overdue</translation>
    </message>
    <message>
        <source>查看事件时间线，确认超时环节</source>
        <translation>Check the incident's timeline for what is late</translation>
    </message>
    <message>
        <source>派遣或催促救援队伍，并记录原因</source>
        <translation>Dispatch or hurry the rescue teams, and note why</translation>
    </message>
    <message>
        <source>启动危化品泄漏应急预案，通知园区企业与侯镇</source>
        <translation>Start the chemical leak plan; alert the park's companies and Houzhen</translation>
    </message>
    <message>
        <source>按影响范围划定警戒区，封控进入道路，派最近的防化队伍沿安全路线到场</source>
        <translation>Cordon the impact range, close the roads in, send the nearest hazmat team on the safe route</translation>
    </message>
    <message>
        <source>组织下风向群众疏散到范围外的避难场所</source>
        <translation>Evacuate the people downwind to a shelter outside the range</translation>
    </message>
    <message>
        <source>调度范围外最近的储备点的吸附棉与防化服</source>
        <translation>Call absorbent and hazmat suits from the nearest depot outside the range</translation>
    </message>
    <message>
        <source>封闭下穿通道两端，发布绕行信息</source>
        <translation>Close both ends of the underpass; publish the detour</translation>
    </message>
    <message>
        <source>派排水车与救援队排查被困车辆和人员</source>
        <translation>Send the pump truck and the rescue team to check for trapped vehicles and people</translation>
    </message>
    <message>
        <source>危化品泄漏</source>
        <translation>Chemical leak</translation>
    </message>
    <message>
        <source>{name} 危化品泄漏：已泄漏 {value:.1f} t</source>
        <translation>{name} chemical leak: {value:.1f} t leaked</translation>
    </message>
    <message>
        <source>下穿通道积水</source>
        <translation>Flooded underpass</translation>
    </message>
    <message>
        <source>{name} 积水 {value:.2f} m，超过 {limit:.2f} m</source>
        <translation>{name} water {value:.2f} m, above {limit:.2f} m</translation>
    </message>
    <message>
        <source>避难场所将满</source>
        <translation>Shelter nearly full</translation>
    </message>
    <message>
        <source>{name} 安置 {value:.0f} 人，已过容量九成（{limit:.0f}）</source>
        <translation>{name} shelters {value:.0f} people, past 90 % of capacity ({limit:.0f})</translation>
    </message>
    <message>
        <source>启用范围外下一处避难场所，调整疏散引导</source>
        <translation>Open the next shelter outside the range; redirect the evacuation</translation>
    </message>
    <message>
        <source>从储备库调拨帐篷、棉被与饮用水</source>
        <translation>Send tents, quilts and drinking water from the depot</translation>
    </message>
    <message>
        <source>打开该网格的超期工单，逐件确认承办部门与超期原因</source>
        <translation>Open the grid's overdue cases; confirm each one's department and why it is late</translation>
    </message>
    <message>
        <source>电话督办承办部门负责人，要求当日办结或说明延期理由</source>
        <translation>Call the department's head: close today or give the reason for the delay</translation>
    </message>
    <message>
        <source>通知网格员到现场核实，向群众说明进度</source>
        <translation>Send the grid member to check on site and tell the residents how it stands</translation>
    </message>
    <message>
        <source>超期两次以上的部门列入周督办通报</source>
        <translation>A department late more than twice goes in the weekly supervision notice</translation>
    </message>
    <message>
        <source>网格工单超期</source>
        <translation>Overdue cases in a grid</translation>
    </message>
    <message>
        <source>{name}：{value:.0f} 件工单超期未办结</source>
        <translation>{name}: {value:.0f} cases overdue, not closed</translation>
    </message>
    <message>
        <source>部门工单超期</source>
        <translation>Overdue cases of a department</translation>
    </message>
    <message>
        <source>向该部门发督办单，限时反馈办理进度</source>
        <translation>Send the department a supervision notice with a deadline to report</translation>
    </message>
    <message>
        <source>确认是否派错部门，需要时退回12345中心重新派遣</source>
        <translation>Check it went to the right department; if not, send it back to the 12345 centre to dispatch again</translation>
    </message>
    <message>
        <source>超期原因记入部门考核</source>
        <translation>The reasons for lateness go into the department's assessment</translation>
    </message>
    <message>
        <source>全市超期工单偏多</source>
        <translation>Many overdue cases city-wide</translation>
    </message>
    <message>
        <source>按部门查看超期工单，找出积压最多的部门</source>
        <translation>Look at the overdue cases by department: find the one with the largest backlog</translation>
    </message>
    <message>
        <source>报告分管领导，召开调度会</source>
        <translation>Report to the leader in charge; call a coordination meeting</translation>
    </message>
    <message>
        <source>诉求量激增</source>
        <translation>Complaint surge</translation>
    </message>
    <message>
        <source>{name}：近1小时受理 {value:.0f} 件，远超平时</source>
        <translation>{name}: {value:.0f} cases in the last hour, far above usual</translation>
    </message>
    <message>
        <source>查看新工单的类别与网格分布，找共同原因（降雨积水、停水停电）</source>
        <translation>Look at the new cases' categories and grids for a common cause (rain and flooding, water or power cuts)</translation>
    </message>
    <message>
        <source>通知12345中心增开座席，统一答复口径</source>
        <translation>Ask the 12345 centre to open more seats and give one answer</translation>
    </message>
    <message>
        <source>共同原因明确时通知牵头部门，按一件事集中处置</source>
        <translation>With a clear common cause, tell the lead department and handle it as one matter</translation>
    </message>
    <message>
        <source>严重时（道路积水、燃气）转为事件，启动预案</source>
        <translation>If serious (flooded roads, gas), open an incident and start the plan</translation>
    </message>
    <message>
        <source>工单数据中断</source>
        <translation>Case data interrupted</translation>
    </message>
    <message>
        <source>{name} 12345工单数据中断 {age}</source>
        <translation>{name}: no 12345 case data for {age}</translation>
    </message>
    <message>
        <source>检查与12345政务服务热线平台的接口</source>
        <translation>Check the link to the 12345 government service hotline platform</translation>
    </message>
</context>
<context>
    <name>Runtime</name>
    <message>
        <source>设置未生效：{problem}</source>
        <translation>Settings not used: {problem}</translation>
    </message>
    <message>
        <source>插件 {name} 未获准运行，未导入：{reason}</source>
        <translation>Plugin {name} refused, not imported: {reason}</translation>
    </message>
    <message>
        <source>插件 {name} 加载失败，已跳过：{reason}</source>
        <translation>Plugin {name} failed to load and was skipped: {reason}</translation>
    </message>
    <message>
        <source>预案无效，已跳过：{error}</source>
        <translation>Response plan invalid, skipped: {error}</translation>
    </message>
    <message>
        <source>插件许可列表无效，仅运行内置插件：{error}</source>
        <translation>The plugin allow list is invalid, only built-in plugins run: {error}</translation>
    </message>
    <message>
        <source>插件 {plugin} 的服务 {name} 启动失败：{error}</source>
        <translation>Service {name} of {plugin} failed: {error}</translation>
    </message>
    <message>
        <source>布局无效，已跳过：{error}</source>
        <translation>Layout skipped: {error}</translation>
    </message>
    <message>
        <source>布局文件无效，已使用默认布局：{error}</source>
        <translation>Layout file rejected, default shown: {error}</translation>
    </message>
    <message>
        <source>离线模式：显示缓存中的最后数据，所有数据源关闭</source>
        <translation>Offline: showing the last cached values; all sources off</translation>
    </message>
    <message>
        <source>插件 {plugin} 的模拟器启动失败：{error}</source>
        <translation>Simulator of {plugin} failed: {error}</translation>
    </message>
    <message>
        <source>插件 {plugin} 的摄像机模拟失败：{error}</source>
        <translation>Cameras of {plugin} failed: {error}</translation>
    </message>
    <message>
        <source>插件的数据源类型被拒绝：{error}</source>
        <translation>A plugin's source kind was refused: {error}</translation>
    </message>
    <message>
        <source>数据源设置无效：{error}</source>
        <translation>Sources settings rejected: {error}</translation>
    </message>
    <message>
        <source>未配置数据源：用 --demo 启动模拟器</source>
        <translation>No sources configured: start with --demo for the simulator</translation>
    </message>
    <message>
        <source>⚠ 数据源 {name} 未验证 TLS 证书（verify = false）：途经的任何人都能读取并篡改其数据</source>
        <translation>⚠ TLS verification is OFF for source {name} (verify = false): anyone on the path can read and change its data</translation>
    </message>
    <message>
        <source>⚠ 数据源 {name} 可能明文发送凭据（allow_insecure_credentials = true）</source>
        <translation>⚠ Source {name} may send its credentials in clear text (allow_insecure_credentials = true)</translation>
    </message>
    <message>
        <source>数据源 {name} 启动失败：{error}</source>
        <translation>Source {name} failed: {error}</translation>
    </message>
    <message>
        <source>摄像机设置失败：{error}</source>
        <translation>Cameras from the settings failed: {error}</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>红色</source>
        <translation>RED</translation>
    </message>
    <message>
        <source>橙色</source>
        <translation>ORANGE</translation>
    </message>
    <message>
        <source>黄色</source>
        <translation>YELLOW</translation>
    </message>
    <message>
        <source>蓝色</source>
        <translation>BLUE</translation>
    </message>
</context>
<context>
    <name>Shelve</name>
    <message>
        <source>直至恢复（一次性）</source>
        <translation>until it clears (one-shot)</translation>
    </message>
    <message>
        <source>15 分钟</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>1 小时</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>8 小时（一个班次）</source>
        <translation>8 h (one shift)</translation>
    </message>
    <message>
        <source>搁置：</source>
        <translation>Shelve:</translation>
    </message>
    <message>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>搁置</source>
        <translation>Shelve</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Streetlight</name>
    <message>
        <source>灯杆</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>灯</source>
        <translation>Lamp</translation>
    </message>
    <message>
        <source>信息屏</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>尚无智慧灯杆</source>
        <translation>No smart lamp posts yet</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>fault</translation>
    </message>
    <message>
        <source>亮</source>
        <translation>on</translation>
    </message>
    <message>
        <source>灭</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>Takeover</name>
    <message>
        <source>核实现场视频</source>
        <translation>Check the nearest cameras</translation>
    </message>
    <message>
        <source>通知责任单位</source>
        <translation>Notify the responsible department</translation>
    </message>
    <message>
        <source>按应急预案响应</source>
        <translation>Follow the response plan</translation>
    </message>
    <message>
        <source>处置后确认报警</source>
        <translation>Acknowledge the alarm when handled</translation>
    </message>
    <message>
        <source>⚠ 报警接管 · {name} · {title}</source>
        <translation>⚠ Alarm takeover · {name} · {title}</translation>
    </message>
    <message>
        <source>{name} · 位置</source>
        <translation>{name} · location</translation>
    </message>
    <message>
        <source>最近摄像机</source>
        <translation>Nearest cameras</translation>
    </message>
    <message>
        <source>趋势</source>
        <extracomment>for an alarm no plugin describes: its own stream, the nearest cameras of any kind</extracomment>
        <translation>Trend</translation>
    </message>
    <message>
        <source>{name} · {title}</source>
        <translation>{name} · {title}</translation>
    </message>
    <message>
        <source>处置步骤</source>
        <translation>Response steps</translation>
    </message>
    <message>
        <source>抽检结果</source>
        <translation>Sampling results</translation>
    </message>
    <message>
        <source>基地摄像机</source>
        <translation>Farm cameras</translation>
    </message>
    <message>
        <source>巡检结果</source>
        <translation>Inspection results</translation>
    </message>
    <message>
        <source>门店视频</source>
        <translation>Shop video</translation>
    </message>
    <message>
        <source>养老呼叫</source>
        <translation>Elderly-care calls</translation>
    </message>
    <message>
        <source>社区出入口摄像机</source>
        <translation>Community gate cameras</translation>
    </message>
    <message>
        <source>负荷曲线</source>
        <translation>Load curve</translation>
    </message>
    <message>
        <source>配网现场摄像机</source>
        <translation>Grid site cameras</translation>
    </message>
    <message>
        <source>故障指示器动作</source>
        <translation>Fault indicator trips</translation>
    </message>
    <message>
        <source>过程线</source>
        <translation>Hydrograph</translation>
    </message>
    <message>
        <source>河道摄像机</source>
        <translation>River cameras</translation>
    </message>
    <message>
        <source>床位使用率</source>
        <translation>Bed occupancy</translation>
    </message>
    <message>
        <source>医院摄像机</source>
        <translation>Hospital cameras</translation>
    </message>
    <message>
        <source>门诊候诊</source>
        <translation>Outpatient queue</translation>
    </message>
    <message>
        <source>空位曲线</source>
        <translation>Free spaces</translation>
    </message>
    <message>
        <source>出入口摄像机</source>
        <translation>Entrance cameras</translation>
    </message>
    <message>
        <source>亮灯</source>
        <translation>Lamp on</translation>
    </message>
    <message>
        <source>灯杆周边摄像机</source>
        <translation>Cameras near the post</translation>
    </message>
    <message>
        <source>现场摄像机</source>
        <extracomment>which attributes are this kind's limits on the map: {"warning": attr, "alarm": attr}</extracomment>
        <translation>Cameras on site</translation>
    </message>
    <message>
        <source>承载率</source>
        <translation>Share of capacity</translation>
    </message>
    <message>
        <source>景区周边摄像机</source>
        <translation>Cameras near the spot</translation>
    </message>
    <message>
        <source>间隔/计划间隔</source>
        <translation>Headway ÷ scheduled</translation>
    </message>
    <message>
        <source>泄漏量 / 积水深度</source>
        <translation>Amount leaked / water depth</translation>
    </message>
    <message>
        <source>事发点周边摄像机</source>
        <translation>Cameras near the event</translation>
    </message>
    <message>
        <source>安置人数</source>
        <translation>People sheltered</translation>
    </message>
    <message>
        <source>超期工单</source>
        <translation>Overdue cases</translation>
    </message>
    <message>
        <source>网格内摄像机</source>
        <translation>Cameras in the grid</translation>
    </message>
    <message>
        <source>近1小时受理</source>
        <translation>Received, last hour</translation>
    </message>
</context>
<context>
    <name>TaskBoard</name>
    <message>
        <source>未开始</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Doing</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>受阻</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>数字惠民</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>数字政府</source>
        <translation>Government</translation>
    </message>
    <message>
        <source>数字经济</source>
        <translation>Economy</translation>
    </message>
    <message>
        <source>基础设施</source>
        <translation>Infrastructure</translation>
    </message>
    <message>
        <source>保障措施</source>
        <translation>Safeguards</translation>
    </message>
    <message>
        <source>地方特色</source>
        <translation>Local feature</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>启动动员会</source>
        <translation>Kick-off</translation>
    </message>
    <message>
        <source>中期考核</source>
        <translation>Mid-term review</translation>
    </message>
    <message>
        <source>终期验收</source>
        <translation>Final acceptance</translation>
    </message>
    <message>
        <source>载入任务书…</source>
        <translation>Loading the task book…</translation>
    </message>
    <message>
        <source>本控制台没有任务看板服务</source>
        <translation>No task board service in this console</translation>
    </message>
    <message>
        <source>规定任务完成权重</source>
        <translation>Prescribed tasks completed (weighted)</translation>
    </message>
    <message>
        <source>底线 {p}</source>
        <translation>Floor {p}</translation>
    </message>
    <message>
        <source>目标 {p}</source>
        <translation>Target {p}</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <source>按状态</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>按领域</source>
        <translation>By area</translation>
    </message>
    <message>
        <source>逾期任务</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>截至 {date}</source>
        <translation>As of {date}</translation>
    </message>
    <message>
        <source>◇ 演示数据 · {as_of}</source>
        <translation>◇ DEMO DATA · {as_of}</translation>
    </message>
    <message>
        <source>▲ 低于底线 {p}</source>
        <translation>▲ Below the floor {p}</translation>
    </message>
    <message>
        <source>● 已过底线 · 距目标 {gap} 点</source>
        <translation>● Above the floor · {gap} points to go</translation>
    </message>
    <message>
        <source>✓ 达到目标 {p}</source>
        <translation>✓ Target {p} met</translation>
    </message>
    <message>
        <source>{n} 项规定任务 · 计入进行中进度 {p}</source>
        <translation>{n} prescribed tasks · with partial progress {p}</translation>
    </message>
    <message>
        <source>计分标准：{version}</source>
        <translation>Scored against: {version}</translation>
    </message>
    <message>
        <source>智慧社区（≥ {p}）</source>
        <translation>Smart communities (≥ {p})</translation>
    </message>
    <message>
        <source>另有 {n} 个社区</source>
        <translation>{n} more communities</translation>
    </message>
    <message>
        <source>日期未定</source>
        <translation>No date</translation>
    </message>
    <message>
        <source>✓ 已完成 · {when}</source>
        <translation>✓ Done · {when}</translation>
    </message>
    <message>
        <source>▲ 逾期 {n} 天 · {when}</source>
        <translation>▲ {n} days overdue · {when}</translation>
    </message>
    <message>
        <source>剩 {n} 天 · {when}</source>
        <translation>{n} days left · {when}</translation>
    </message>
    <message>
        <source>逾期任务（{n}）</source>
        <translation>Overdue ({n})</translation>
    </message>
    <message>
        <source>✓ 无逾期任务</source>
        <translation>✓ Nothing overdue</translation>
    </message>
    <message>
        <source>▲ {n} 天 · {title}</source>
        <translation>▲ {n} days · {title}</translation>
    </message>
    <message>
        <source>另有 {n} 项</source>
        <translation>{n} more</translation>
    </message>
    <message>
        <source>尚未导入任务书：运行 city-console tasks import FILE 导入</source>
        <translation>No task book imported: run city-console tasks import FILE</translation>
    </message>
</context>
<context>
    <name>TaskEditor</name>
    <message>
        <source>编号</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>进度 %</source>
        <translation>Progress %</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>佐证说明</source>
        <translation>Evidence note</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>任务书编辑</source>
        <translation>Edit the task book</translation>
    </message>
    <message>
        <source>筛选：编号、任务、责任单位 …</source>
        <translation>Filter: key, title, owner …</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>本控制台没有任务看板服务</source>
        <translation>No task board service in this console</translation>
    </message>
    <message>
        <source>载入任务书…</source>
        <translation>Loading the task book…</translation>
    </message>
    <message>
        <source>◇ 演示数据：进度、责任单位和日期为演示生成</source>
        <translation>◇ DEMO DATA: progress, owners and dates are made up</translation>
    </message>
    <message>
        <source>只读：本控制台不可编辑</source>
        <translation>Read-only: editing is locked on this console</translation>
    </message>
    <message>
        <source>🔒 值班员登录后可编辑</source>
        <translation>🔒 Log in as an operator to edit</translation>
    </message>
    <message>
        <source>▲ 未保存：{key}：{why}</source>
        <translation>▲ Not saved: {key}: {why}</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <source>⚠ 无法显示 “{kind}” 图块：
{reason}</source>
        <translation>⚠ Tile “{kind}” unavailable:
{reason}</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>导览无法播放：{error}</source>
        <translation>Tour not played: {error}</translation>
    </message>
    <message>
        <source>导览没有第 {step} 步（共 {n} 步）：从第 1 步开始</source>
        <translation>Tour step {step} does not exist (the tour has {n} steps): started at step 1</translation>
    </message>
    <message>
        <source>导览步骤无效，已跳过：{error}</source>
        <translation>Tour step skipped: {error}</translation>
    </message>
    <message>
        <source>导览步骤 {step} 的布局 {layout} 未加载：大屏保持原样</source>
        <translation>Tour step {step} has no loaded layout {layout}: the wall stays as it is</translation>
    </message>
    <message>
        <source>没有模拟器接受场景事件 {event}</source>
        <translation>No simulator took the scenario event {event}</translation>
    </message>
</context>
<context>
    <name>TourDriver</name>
    <message>
        <source>‖ 已暂停</source>
        <translation>‖ Paused</translation>
    </message>
    <message>
        <source>紧急报警，导览已中断</source>
        <translation>Critical alarm: the tour is interrupted</translation>
    </message>
    <message>
        <source>导览</source>
        <translation>Tour</translation>
    </message>
    <message>
        <source>◀ 上一步</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>▶ 播放</source>
        <translation>▶ Play</translation>
    </message>
    <message>
        <source>‖ 暂停</source>
        <translation>‖ Pause</translation>
    </message>
    <message>
        <source>下一步 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>■ 返回实时</source>
        <translation>■ Back to live</translation>
    </message>
</context>
<context>
    <name>TourOverlay</name>
    <message>
        <source>城市运营中心</source>
        <translation>City Operations Centre</translation>
    </message>
    <message>
        <source>演示</source>
        <translation>DEMO</translation>
    </message>
</context>
<context>
    <name>Tourism</name>
    <message>
        <source>景区</source>
        <translation>Scenic spot</translation>
    </message>
    <message>
        <source>承载率</source>
        <translation>Capacity used</translation>
    </message>
    <message>
        <source>周边车场</source>
        <translation>Car parks near</translation>
    </message>
    <message>
        <source>空位/车位</source>
        <translation>Free/spaces</translation>
    </message>
    <message>
        <source>最近有空位</source>
        <translation>Nearest with room</translation>
    </message>
    <message>
        <source>尚无景区</source>
        <translation>No scenic spots yet</translation>
    </message>
    <message>
        <source>尚无停车场数据</source>
        <translation>No car park data yet</translation>
    </message>
    <message>
        <source>{n} 个 · {r:g} km 内</source>
        <translation>{n} within {r:g} km</translation>
    </message>
</context>
<context>
    <name>Trace</name>
    <message>
        <source>种植</source>
        <translation>Planting</translation>
    </message>
    <message>
        <source>农资</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <source>采收</source>
        <translation>Harvest</translation>
    </message>
    <message>
        <source>抽检</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>合格证</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>销售</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>销毁</source>
        <translation>Disposal</translation>
    </message>
    <message>
        <source>扫码或输入批次号，回车查询</source>
        <translation>Scan or type a batch code, Enter</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>未加载追溯服务：农业插件未启用</source>
        <translation>No trace service: the agriculture plugin is not loaded</translation>
    </message>
    <message>
        <source>查询中：{code} …</source>
        <translation>Looking up {code} …</translation>
    </message>
    <message>
        <source>查询失败：{error}</source>
        <translation>Lookup failed: {error}</translation>
    </message>
    <message>
        <source>未找到批次 {batch} 的记录</source>
        <translation>No records for batch {batch}</translation>
    </message>
    <message>
        <source>✓ 链完整 · 已验证 {n} 条记录 · {batch}</source>
        <translation>✓ Chain intact · {n} records verified · {batch}</translation>
    </message>
    <message>
        <source>✕ 链断裂：第 {n} 条记录（{step}），字段“{field}”：{reason}</source>
        <translation>✕ CHAIN BROKEN at record {n} ({step}), field “{field}”: {reason}</translation>
    </message>
    <message>
        <source>{n} 条记录</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source>链完整：{n} 条记录已校验</source>
        <translation>chain intact: {n} records verified</translation>
    </message>
    <message>
        <source>链断裂：第 {n} 条记录，字段 {field}：{reason}</source>
        <translation>chain broken at record {n}, field {field}: {reason}</translation>
    </message>
</context>
<context>
    <name>Transit</name>
    <message>
        <source>本线路车辆间隔</source>
        <translation>Headways on this route</translation>
    </message>
    <message>
        <source>{route} {start}–{end}：{stop} 满载率 {load} % → 建议加开 {n} 班</source>
        <translation>{route} {start}–{end}: load {load} % of capacity at {stop} → add {n} trips</translation>
    </message>
    <message>
        <source>车辆</source>
        <translation>Bus</translation>
    </message>
    <message>
        <source>开往</source>
        <translation>Towards</translation>
    </message>
    <message>
        <source>下一站</source>
        <translation>Next stop</translation>
    </message>
    <message>
        <source>间隔</source>
        <translation>Headway</translation>
    </message>
    <message>
        <source>晚点</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>满载率</source>
        <translation>Load</translation>
    </message>
    <message>
        <source>尚无公交线路</source>
        <translation>No bus routes yet</translation>
    </message>
    <message>
        <source>{n} 辆在线 · ▼ 串车 {b} · ▲ 大间隔 {g} · 间隔按计划间隔之比</source>
        <translation>{n} buses in service · ▼ bunched {b} · ▲ gaps {g} · headway as a share of the scheduled one</translation>
    </message>
    <message>
        <source>线路</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>时段</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>最拥挤站</source>
        <translation>Fullest stop</translation>
    </message>
    <message>
        <source>客流</source>
        <translation>Passengers</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Advice</translation>
    </message>
    <message>
        <source>尚无公交车辆</source>
        <translation>No buses yet</translation>
    </message>
    <message>
        <source>客流历史读取失败：{error}</source>
        <translation>Could not read the passenger history: {error}</translation>
    </message>
    <message>
        <source>上行</source>
        <translation>outbound</translation>
    </message>
    <message>
        <source>下行</source>
        <translation>inbound</translation>
    </message>
    <message>
        <source>{n}人/{trips}班</source>
        <translation>{n} pax / {trips} trips</translation>
    </message>
    <message>
        <source>加开 {n} 班</source>
        <translation>Add {n} trips</translation>
    </message>
    <message>
        <source>共建议加开 {n} 班</source>
        <translation>{n} trips to add in all</translation>
    </message>
    <message>
        <source>近 {h} 小时无车载客流数据（无车辆运营）</source>
        <translation>No passenger counts in the last {h} h (no buses in service)</translation>
    </message>
    <message>
        <source>各时段满载率均在 {pct} % 以下</source>
        <translation>Every hour's load is under {pct} %</translation>
    </message>
    <message>
        <source>到站</source>
        <translation>Arrives</translation>
    </message>
    <message>
        <source>尚无此站点的公交数据</source>
        <translation>No bus data for this stop yet</translation>
    </message>
    <message>
        <source>即将进站</source>
        <translation>Arriving</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <source>(计划)</source>
        <translation>(scheduled)</translation>
    </message>
    <message>
        <source>{live} 班实时，{plan} 班按时刻表</source>
        <translation>{live} live, {plan} by the timetable</translation>
    </message>
    <message>
        <source>一小时内无班次</source>
        <translation>No bus within the hour</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message>
        <source>{n} 家</source>
        <translation>{n} shops</translation>
    </message>
    <message>
        <source>{n} 张</source>
        <translation>{n} issued</translation>
    </message>
    <message>
        <source>{n} 批</source>
        <translation>{n} batches</translation>
    </message>
    <message>
        <source>{n} 次</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n} 个</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n} 起</source>
        <translation>{n} cases</translation>
    </message>
    <message>
        <source>{n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>{n} 所</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>{n} 件</source>
        <translation>{n} cases</translation>
    </message>
    <message>
        <source>{n} 人次</source>
        <translation>{n} visits</translation>
    </message>
    <message>
        <source>{n} 元</source>
        <translation>¥{n}</translation>
    </message>
    <message>
        <source>{n} 盏</source>
        <translation>{n} lamps</translation>
    </message>
    <message>
        <source>{n} 根</source>
        <translation>{n} posts</translation>
    </message>
</context>
<context>
    <name>Video</name>
    <message>
        <source>直播已满：{n} 路在播 · 显示快照</source>
        <translation>Live video full: {n} playing · snapshots</translation>
    </message>
    <message>
        <source>▶ 直播</source>
        <translation>▶ LIVE VIDEO</translation>
    </message>
    <message>
        <source>❚❚ 画面冻结 · {age} · 重连中</source>
        <translation>❚❚ FROZEN · {age} · reconnecting</translation>
    </message>
    <message>
        <source>… 连接中</source>
        <translation>… connecting</translation>
    </message>
</context>
<context>
    <name>Wall</name>
    <message>
        <source>屏幕 {screen} 没有轮播</source>
        <translation>No playlist runs on screen {screen}</translation>
    </message>
    <message>
        <source>无权操作轮播：{action} 需要值班员登录</source>
        <translation>Not allowed: {action} needs an operator login</translation>
    </message>
    <message>
        <source>没有名为 {layout} 的布局（屏幕 {screen}），该屏保持原布局</source>
        <translation>No layout named {layout} for screen {screen}; the screen keeps its layout</translation>
    </message>
</context>
<context>
    <name>WallPreview</name>
    <message>
        <source>接管</source>
        <translation>Take</translation>
    </message>
    <message>
        <source>发送图块</source>
        <translation>Send tile</translation>
    </message>
    <message>
        <source>否决接管</source>
        <translation>Veto takeover</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>未连接</source>
        <translation>not connected</translation>
    </message>
</context>
<context>
    <name>WallSender</name>
    <message>
        <source>需要值班员登录才能操作其他大屏</source>
        <translation>Driving another wall needs an operator login</translation>
    </message>
    <message>
        <source>大屏 {console}（{screen}）：{outcome}</source>
        <translation>Wall {console} ({screen}): {outcome}</translation>
    </message>
    <message>
        <source>大屏 {console} 在 {n} 秒内没有回应；它在线吗？</source>
        <translation>Wall {console}: no answer in {n} s; is it online?</translation>
    </message>
</context>
</TS>
