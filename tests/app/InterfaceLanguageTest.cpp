// The Chinese interface: with zh_CN requested, the translation installed beside the binaries loads, and
// the menus, the map kinds and the dock titles read in Chinese; English stays the source language.
// Screenshots (interface-zh_CN.png, getting-started-zh_CN.png) go to FILTERSCOPE_SCREENSHOTS.
#include "InputActions.h"
#include "InterfaceLanguage.h"
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "common/BuildInfo.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "labels/VariantText.h"
#include "session/Workbench.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QtTest>

using namespace filterscope;

class InterfaceLanguageTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shortStageLabelsDropTheParenthesisInChineseToo() {
        // Chart axes and heatmap rows: an ideograph is as wide as two Latin letters, and zh_CN labels use
        // the full-width parenthesis ("输入适配器（192 至 256）" was elided mid-number on the chart axis).
        QCOMPARE(shortStageLabel(QStringLiteral("输入适配器（192 至 256）")), QStringLiteral("输入适配器"));
        QCOMPARE(shortStageLabel(QStringLiteral("Adapter in (192 to 256)")), QStringLiteral("Adapter in"));
        QCOMPARE(shortStageLabel(QStringLiteral("冻结的 LLaMA 模块")), QStringLiteral("冻结的 LLaMA 模块"));
        QCOMPARE(shortStageLabel(QStringLiteral("ViT 第 1 块")), QStringLiteral("ViT 第 1 块"));
    }
    // The window's variant names are core's, word for word, in English (the CLI and figures use core's).
    void variantNamesMatchCore() {
        for (LlmComposition::Variant v :
             {LlmComposition::Variant::Llm, LlmComposition::Variant::Random,
              LlmComposition::Variant::Identity, LlmComposition::Variant::Baseline}) {
            QCOMPARE(variantText(v, 31).toStdString(), variantLabel(v, 31));
            QCOMPARE(variantDescriptionText(v).toStdString(), variantDescription(v));
        }
        for (int k = 0; k <= int(MapKind::Relevance); ++k)
            QCOMPARE(mapKindText(MapKind(k)).toStdString(), std::string(mapKindLabel(MapKind(k))));
    }

    void englishNeedsNoTranslation() {
        QCOMPARE(installInterfaceLanguage(QStringLiteral("en")), QStringLiteral("en"));
    }

    // Every control a user can operate says what it does when hovered (menus' actions have their text).
    void everyControlHasATooltip() {
        Workbench* session = nullptr;
        MainWindow* window = nullptr;
        QVERIFY(testwindow::open(this, session, window, testpaths::demoPlugin(), testpaths::demoImage()));
        QStringList bare;
        for (QWidget* w : window->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
                                 qobject_cast<QAbstractSlider*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                                 qobject_cast<QLineEdit*>(w);
            // Qt's own parts of docks and tab bars (float/close buttons, scroll arrows) carry Qt's tooltips.
            const bool qtInternal = w->objectName().startsWith(QLatin1String("qt_")) ||
                                    qobject_cast<QScrollBar*>(w) || w->inherits("QTableCornerButton") ||
                                    qobject_cast<QTabBar*>(w->parentWidget()) ||
                                    qobject_cast<QDockWidget*>(w->parentWidget());
            if (control && !qtInternal && w->toolTip().isEmpty())
                bare << QStringLiteral("%1 \"%2\" in %3")
                            .arg(QString::fromLatin1(w->metaObject()->className()),
                                 qobject_cast<QAbstractButton*>(w) ? qobject_cast<QAbstractButton*>(w)->text()
                                                                   : w->objectName(),
                                 QString::fromLatin1(w->parentWidget()->metaObject()->className()));
        }
        QVERIFY2(bare.isEmpty(), qPrintable(bare.join(QLatin1Char('\n'))));

        // Help > About names the libraries as --version does (the box is modal: read, grab, close it).
        QString aboutText;
        QTimer::singleShot(0, this, [&aboutText] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w)) {
                    aboutText = box->text();
                    testwindow::saveScreenshot(box, QStringLiteral("about.png"));
                    box->accept();
                }
        });
        for (QAction* menu : window->menuBar()->actions())
            if (menu->text() == QStringLiteral("&Help"))
                menu->menu()->actions().back()->trigger();
        for (const std::string& line : buildinfo::libraryVersions())
            QVERIFY2(aboutText.contains(QString::fromStdString(line)), line.c_str());
        QVERIFY(aboutText.contains(QString::fromStdString(buildinfo::version())));
        delete window;
    }

    void chineseInterface() {
        QCOMPARE(installInterfaceLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        Workbench* session = nullptr;
        MainWindow* window = nullptr;
        QVERIFY(testwindow::open(this, session, window, testpaths::demoPlugin(), testpaths::demoImage()));
        QStringList menus;
        for (QAction* a : window->menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus.front(), QStringLiteral("文件(&F)"));
        QVERIFY2(menus.contains(QStringLiteral("帮助(&H)")), qPrintable(menus.join(QLatin1Char(' '))));
        auto* heads = window->findChild<QDockWidget*>(QStringLiteral("headsDock"));
        QCOMPARE(heads->windowTitle(), QStringLiteral("注意力头"));
        QStringList kinds;
        for (QComboBox* box : window->findChildren<QComboBox*>())
            for (int i = 0; i < box->count(); ++i)
                kinds << box->itemText(i);
        QVERIFY2(kinds.contains(QStringLiteral("词元范数")) && kinds.contains(QStringLiteral("注意力展开")),
                 qPrintable(kinds.join(QLatin1Char(' '))));
        // The demo plugin names its stages in Chinese too ("label": {"en": …, "zh_CN": …}).
        QVERIFY2(kinds.contains(QStringLiteral("冻结的 LLaMA 模块")),
                 qPrintable(kinds.join(QLatin1Char(' '))));
        // Opening a folder: the banner in Chinese, each file's reason too (it was English throughout).
        QTemporaryDir folder;
        QImage photo(32, 32, QImage::Format_RGB32);
        photo.fill(QColor(90, 140, 60));
        QVERIFY(photo.save(folder.filePath(QStringLiteral("a.png"))));
        QFile bad(folder.filePath(QStringLiteral("bad.png")));
        QVERIFY(bad.open(QIODevice::WriteOnly) && bad.write(QByteArray(64, 'x')) == 64);
        bad.close();
        QFile clip(folder.filePath(QStringLiteral("clip.webm")));
        QVERIFY(clip.open(QIODevice::WriteOnly));
        clip.close();
        QVERIFY(QDir(folder.path()).mkdir(QStringLiteral("sub")));
        window->inputs()->openFolder(folder.path());
        QTRY_COMPARE_WITH_TIMEOUT(
            window->notice(),
            folder.path() +
                QStringLiteral(
                    "：已打开 1 个，1 个无法读取，跳过 2 个：bad.png（不是 "
                    "PNG 文件）；clip.webm（是视频；此插件读取图像）；sub（文件夹：不打开子文件夹）"),
            30000);
        QTRY_VERIFY_WITH_TIMEOUT(!session->scheduler().isBusy(), 60000);
        session->scheduler().openInput(testpaths::demoImage());
        QTRY_VERIFY_WITH_TIMEOUT(
            session->document().currentInput() == testpaths::demoImage() && !session->scheduler().isBusy(),
            60000);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window, QStringLiteral("interface-zh_CN.png")));
        for (QAction* a : window->menuBar()->actions())
            if (a->text() == QStringLiteral("帮助(&H)"))
                a->menu()->actions().front()->trigger();
        auto* guide = window->findChild<QDialog*>(QStringLiteral("gettingStarted"));
        QVERIFY(guide);
        QCOMPARE(guide->windowTitle(), QStringLiteral("入门"));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(guide, QStringLiteral("getting-started-zh_CN.png")));
        // Help > User Guide shows the guide in the app (it only printed the .md file's path).
        for (QAction* a : window->menuBar()->actions())
            if (a->text() == QStringLiteral("帮助(&H)"))
                a->menu()->actions().at(1)->trigger();
        auto* manual = window->findChild<QDialog*>(QStringLiteral("userGuide"));
        QVERIFY(manual);
        auto* text = manual->findChild<QTextBrowser*>();
        QVERIFY(text && text->toPlainText().startsWith(QStringLiteral("Filterscope user guide")));
        QVERIFY(text->toPlainText().contains(QStringLiteral("Pang et al. 2023")));
        delete window;
    }
};

FILTERSCOPE_TEST_MAIN(InterfaceLanguageTest)
#include "InterfaceLanguageTest.moc"
