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
        <source>确认</source>
        <translation>Acknowledge</translation>
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
        <source>{open} 条 · {unack} 未确认 · {rows} 行</source>
        <translation>{open} open · {unack} unack · {rows} rows</translation>
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
        <source>登录后可操作</source>
        <translation>Log in to acknowledge or shelve</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>view only</translation>
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
        <source>尚无符合此图块选项的数据流</source>
        <translation>No streams match this tile&apos;s options yet</translation>
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
        <source>打印布局…</source>
        <translation>Print layout…</translation>
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
    <name>Freshness</name>
    <message>
        <source>迟到</source>
        <translation>LATE</translation>
    </message>
    <message>
        <source>陈旧</source>
        <translation>STALE</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>OFFLINE</translation>
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
        <source>全部正常</source>
        <translation>all normal</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>no data</translation>
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
        <source>配网一张图</source>
        <translation>Rural grid map</translation>
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
        <source>试点任务看板</source>
        <translation>Pilot task board</translation>
    </message>
    <message>
        <source>新型智慧城市试点任务</source>
        <translation>Pilot task book</translation>
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
</context>
<context>
    <name>Map</name>
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
</context>
<context>
    <name>Palette</name>
    <message>
        <source>布局名称或命令（auto, hold, veto, play …）</source>
        <translation>Layout name or command (auto, hold, veto, play …)</translation>
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
    <name>Wall</name>
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
</TS>
