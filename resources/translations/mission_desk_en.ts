<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>SyncPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/sync.py" line="0"/>
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n change waiting to be sent.</numerusform>
            <numerusform>%n changes waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync.py" line="0"/>
        <source>Sync complete: %1 sent, %2 applied, %n conflict(s), %3 refused, %4 received.</source>
        <translation>
            <numerusform>Sync complete: %1 sent, %2 applied, %n conflict, %3 refused, %4 received.</numerusform>
            <numerusform>Sync complete: %1 sent, %2 applied, %n conflicts, %3 refused, %4 received.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="0"/>
        <source>%n change(s) to sync</source>
        <translation>
            <numerusform>%n change to sync</numerusform>
            <numerusform>%n changes to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="0"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="0"/>
        <source>Mission %1 ended on %2, %n day(s) ago, and this laptop still holds its candidates&apos; data. Sync, then close it (File &gt; Close this mission on this laptop).</source>
        <translation>
            <numerusform>Mission %1 ended on %2, %n day ago, and this laptop still holds its candidates&apos; data. Sync, then close it (File &gt; Close this mission on this laptop).</numerusform>
            <numerusform>Mission %1 ended on %2, %n days ago, and this laptop still holds its candidates&apos; data. Sync, then close it (File &gt; Close this mission on this laptop).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WrittenTestsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/written_tests.py" line="0"/>
        <source>%n candidate(s) listed</source>
        <translation>
            <numerusform>%n candidate listed</numerusform>
            <numerusform>%n candidates listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/interviews.py" line="0"/>
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/interviews.py" line="0"/>
        <source>%n scorecard(s) submitted</source>
        <translation>
            <numerusform>%n scorecard submitted</numerusform>
            <numerusform>%n scorecards submitted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="253"/>
        <source>%n interview(s) this day</source>
        <translation>
            <numerusform>%n interview this day</numerusform>
            <numerusform>%n interviews this day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="254"/>
        <source>%n candidate(s) without an interview</source>
        <translation>
            <numerusform>%n candidate without an interview</numerusform>
            <numerusform>%n candidates without an interview</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="465"/>
        <source>%n other interview(s) moved</source>
        <translation>
            <numerusform>%n other interview moved</numerusform>
            <numerusform>%n other interviews moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/plan.py" line="467"/>
        <source>%n candidate(s) could not be placed</source>
        <translation>
            <numerusform>%n candidate could not be placed</numerusform>
            <numerusform>%n candidates could not be placed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n later change(s) not yet receipted.</source>
        <translation>
            <numerusform>%n later change not yet receipted.</numerusform>
            <numerusform>%n later changes not yet receipted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseMissionDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>All %n change(s) made on this laptop are in France.</source>
        <translation>
            <numerusform>The %n change made on this laptop is in France.</numerusform>
            <numerusform>All %n changes made on this laptop are in France.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n change(s) made on this laptop have no receipt from the server yet: sync first. Closing is not possible until the server has received everything.</source>
        <translation>
            <numerusform>%n change made on this laptop has no receipt from the server yet: sync first. Closing is not possible until the server has received everything.</numerusform>
            <numerusform>%n changes made on this laptop have no receipt from the server yet: sync first. Closing is not possible until the server has received everything.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/close_mission.py" line="0"/>
        <source>%n teammate bundle(s) received on this laptop have not reached the server yet: sync first. Closing is not possible until the server has received everything.</source>
        <translation>
            <numerusform>%n teammate bundle received on this laptop has not reached the server yet: sync first. Closing is not possible until the server has received everything.</numerusform>
            <numerusform>%n teammate bundles received on this laptop have not reached the server yet: sync first. Closing is not possible until the server has received everything.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/lock_screen.py" line="0"/>
        <source>Wrong PIN. %n try(s) left before a wait.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before a wait.</numerusform>
            <numerusform>Wrong PIN. %n tries left before a wait.</numerusform>
        </translation>
    </message>
</context>
</TS>
