<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
    <context>
        <name>ArticleDelegate</name>
        <message numerus="yes">
            <source>%n min ago</source>
            <translation>
                <numerusform>%n min ago</numerusform>
                <numerusform>%n min ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h ago</source>
            <translation>
                <numerusform>%n h ago</numerusform>
                <numerusform>%n h ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n d ago</source>
            <translation>
                <numerusform>%n d ago</numerusform>
                <numerusform>%n d ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConverterWidget</name>
        <message numerus="yes">
            <source>Rates from %n days ago</source>
            <translation>
                <numerusform>Rates from %n day ago</numerusform>
                <numerusform>Rates from %n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FailedFeedsDialog</name>
        <message numerus="yes">
            <source>%n feed(s) could not be refreshed. Their earlier articles are kept.</source>
            <translation>
                <numerusform>%n feed could not be refreshed. Their earlier articles are kept.</numerusform>
                <numerusform>%n feeds could not be refreshed. Their earlier articles are kept.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedEditor</name>
        <message numerus="yes">
            <source>Default (%n min)</source>
            <translation>
                <numerusform>Default (%n min)</numerusform>
                <numerusform>Default (%n min)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{title} — %n item(s)</source>
            <translation>
                <numerusform>{title} — %n item</numerusform>
                <numerusform>{title} — %n items</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedTableModel</name>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedTreeModel</name>
        <message numerus="yes">
            <source>%n unread</source>
            <extracomment>The groups the default subscriptions use, listed first and in this order. Feed statuses that mean the last refresh failed.</extracomment>
            <translation>
                <numerusform>%n unread</numerusform>
                <numerusform>%n unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n feed(s) failed</source>
            <translation>
                <numerusform>%n feed failed</numerusform>
                <numerusform>%n feeds failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{title}, %n unread</source>
            <translation>
                <numerusform>{title}, %n unread</numerusform>
                <numerusform>{title}, %n unread</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedsPage</name>
        <message numerus="yes">
            <source>Added %n feed(s)</source>
            <translation>
                <numerusform>Added %n feed</numerusform>
                <numerusform>Added %n feeds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n already there</source>
            <translation>
                <numerusform>%n already there</numerusform>
                <numerusform>%n already there</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n skipped</source>
            <translation>
                <numerusform>%n skipped</numerusform>
                <numerusform>%n skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n feed(s) to {file}.</source>
            <translation>
                <numerusform>Exported %n feed to {file}.</numerusform>
                <numerusform>Exported %n feeds to {file}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n feed(s) failed</source>
            <translation>
                <numerusform>%n feed failed</numerusform>
                <numerusform>%n feeds failed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OpmlFiles</name>
        <message numerus="yes">
            <source>Imported %n feed(s); {skipped} skipped.</source>
            <translation>
                <numerusform>Imported %n feed; {skipped} skipped.</numerusform>
                <numerusform>Imported %n feeds; {skipped} skipped.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TopicFilter</name>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n article</numerusform>
                <numerusform>%n articles</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrayNotifier</name>
        <message numerus="yes">
            <source>{app}: %n unread</source>
            <translation>
                <numerusform>{app}: %n unread</numerusform>
                <numerusform>{app}: %n unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new article(s) in your topics</source>
            <translation>
                <numerusform>%n new article in your topics</numerusform>
                <numerusform>%n new articles in your topics</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new article(s)</source>
            <translation>
                <numerusform>%n new article</numerusform>
                <numerusform>%n new articles</numerusform>
            </translation>
        </message>
    </context>
</TS>
