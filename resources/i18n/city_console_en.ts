<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../console/gui/kiosk.py" line="51" />
        <source>退出展示模式</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <location filename="../../console/gui/kiosk.py" line="54" />
        <source>请输入退出密码</source>
        <translation>Enter the exit PIN</translation>
    </message>
</context>
<context>
    <name>TourDriver</name>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="64" />
        <source>‖ 已暂停</source>
        <translation>‖ Paused</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="69" />
        <source>紧急报警，导览已中断</source>
        <translation>Critical alarm: the tour is interrupted</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="128" />
        <source>导览</source>
        <translation>Tour</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="131" />
        <source>◀ 上一步</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="132" />
        <source>▶ 播放</source>
        <translation>▶ Play</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="133" />
        <source>‖ 暂停</source>
        <translation>‖ Pause</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="134" />
        <source>下一步 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_driver.py" line="135" />
        <source>■ 返回实时</source>
        <translation>■ Back to live</translation>
    </message>
</context>
<context>
    <name>TourOverlay</name>
    <message>
        <location filename="../../console/gui/tour_overlay.py" line="111" />
        <source>城市运营中心</source>
        <translation>City Operations Centre</translation>
    </message>
    <message>
        <location filename="../../console/gui/tour_overlay.py" line="114" />
        <source>演示 DEMO</source>
        <translation>DEMO</translation>
    </message>
</context>
</TS>