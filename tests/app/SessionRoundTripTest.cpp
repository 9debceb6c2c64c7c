// Sessions: save one window's plugins (A and B variants), inputs, selections and layout; reopen the file in
// a fresh window and find the same selections and bit-identical maps. A changed input is named, a
// broken session file is refused with its name, a session moved with its data still opens, and an
// autosave left by a crash is offered back.
#include "MainWindow.h"
#include "NoticeBar.h"
#include "SessionActions.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "common/FileFingerprint.h"
#include "session/SessionFile.h"
#include "session/Workbench.h"

#include <QCryptographicHash>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

QString sha256Of(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

std::vector<float> mapValues(const Workbench& s, int slot) {
    const auto map = s.maps().currentMap(slot);
    return map ? map->data : std::vector<float>{};
}

bool settled(Workbench* s, int slots) {
    return QTest::qWaitFor(
        [s, slots] {
            for (int i = 0; i < slots; ++i)
                if (!s->document().plugin(i) || !s->document().result(i))
                    return false;
            return !s->scheduler().isBusy();
        },
        90000);
}

}  // namespace

class SessionRoundTripTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    const QString plugin_ = testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-ablations");

    struct Window {
        Workbench* session = nullptr;
        MainWindow* window = nullptr;
        ~Window() { delete window; }
    };
    Window fresh() {
        Window w;
        w.session = new Workbench(this);
        w.session->scheduler().setDevice(DevicePreference::Cpu);
        w.window = new MainWindow(w.session);
        w.window->resize(1280, 800);
        w.window->show();
        return w;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FilterscopeTest"));
        QVERIFY(tmp_.isValid());
    }

    void reopensTheSameViewAndNumbers() {
        const QString coffee = testpaths::sharedData() + QStringLiteral("/images/coffee.png");
        const QString path = tmp_.filePath(QStringLiteral("paper-figure.fsession"));
        ViewSelection before;
        std::vector<float> mapA, mapB;
        QStringList inputs;
        {
            Window a = fresh();
            a.session->scheduler().loadPlugin(plugin_, 0, QStringLiteral("llm"));
            a.session->scheduler().loadPlugin(plugin_, 1, QStringLiteral("baseline"));
            a.window->setCompareMode(true);
            a.window->openPaths({testpaths::demoImage(), coffee});
            a.session->scheduler().openInput(coffee);
            QVERIFY(settled(a.session, 2));
            QCOMPARE(a.session->document().currentInput(), coffee);
            // Everything away from its default, so a field that is not restored shows.
            // "norm" comes after the LLM block, so the llm and baseline variants differ there.
            const auto& stages = a.session->document().plugin(0)->gridStages();
            QCOMPARE(stages.back(), std::string("norm"));
            a.session->selection().setStage("norm");
            a.session->selection().setAnalysis(MapKind::Norm);
            a.session->selection().setHead(2);
            a.session->selection().setToken(37);
            a.session->selection().setAttendedBy(true);
            a.session->selection().setColormap("magma");
            a.session->selection().setSharedScale(true);
            a.session->selection().setCompareScale(CompareScale::Own);
            a.session->selection().setOpacity(0.45);
            a.window->findChild<QDockWidget*>(QStringLiteral("chartsDock"))->hide();
            QVERIFY(settled(a.session, 2));
            before = a.session->selection().state();
            mapA = mapValues(*a.session, 0);
            mapB = mapValues(*a.session, 1);
            QVERIFY(!mapA.empty() && !mapB.empty());
            QVERIFY(mapA != mapB);  // A has the LLM block, B not: a swapped pair would show
            inputs = a.session->document().inputs();
            QCOMPARE(a.window->sessions()->saveSession(path), QString());
        }

        // The file: plugins with their files' hashes, inputs with theirs (checked against a direct hash).
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("filterscope-session"));
        const QJsonArray plugins = root.value(QStringLiteral("plugins")).toArray();
        QCOMPARE(plugins.size(), 2);
        QCOMPARE(plugins[1].toObject().value(QStringLiteral("variant")).toString(),
                 QStringLiteral("baseline"));
        const QJsonObject files = plugins[0].toObject().value(QStringLiteral("files")).toObject();
        QCOMPARE(files.value(QStringLiteral("encoder.pt")).toString(), sha256Of(plugin_ + "/encoder.pt"));
        QCOMPARE(files.value(QStringLiteral("plugin.json")).toString(), sha256Of(plugin_ + "/plugin.json"));
        const QJsonArray savedInputs = root.value(QStringLiteral("inputs")).toArray();
        QCOMPARE(savedInputs.size(), 2);
        QCOMPARE(savedInputs[1].toObject().value(QStringLiteral("sha256")).toString(), sha256Of(coffee));
        QCOMPARE(root.value(QStringLiteral("selection")).toObject().value(QStringLiteral("map")).toString(),
                 QStringLiteral("norm"));
        QCOMPARE(root.value(QStringLiteral("selection"))
                     .toObject()
                     .value(QStringLiteral("compare_scale"))
                     .toString(),
                 QStringLiteral("own"));

        Window b = fresh();
        QSignalSpy checked(b.window->sessions(), &SessionActions::checkFinished);
        QCOMPARE(b.window->sessions()->openSession(path), QString());
        QVERIFY(settled(b.session, 2));
        const ViewSelection& after = b.session->selection().state();
        QCOMPARE(after.stage, before.stage);
        QCOMPARE(int(after.analysis), int(before.analysis));
        QCOMPARE(after.head, 2);
        QCOMPARE(after.token, 37);
        QCOMPARE(after.attendedBy, true);
        QCOMPARE(after.colormap, std::string("magma"));
        QCOMPARE(after.sharedScale, true);
        QCOMPARE(int(after.compareScale), int(CompareScale::Own));
        QCOMPARE(after.opacity, 0.45);
        QVERIFY(b.window->compareMode());
        QCOMPARE(b.session->document().inputs(), inputs);
        QCOMPARE(b.session->document().currentInput(), coffee);
        QCOMPARE(variantName(b.session->document().plugin(0)->variant()), std::string("llm"));
        QCOMPARE(variantName(b.session->document().plugin(1)->variant()), std::string("baseline"));
        QVERIFY(b.window->findChild<QDockWidget*>(QStringLiteral("chartsDock"))->isHidden());
        QVERIFY(mapValues(*b.session, 0) == mapA);  // bit for bit
        QVERIFY(mapValues(*b.session, 1) == mapB);
        QVERIFY(checked.count() > 0 || checked.wait(30000));
        QCOMPARE(checked.front().front().toStringList(), QStringList());  // nothing changed
        QCOMPARE(b.window->notice(), QString());                          // nothing to warn about
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(b.window, QStringLiteral("session-reopened.png")));
    }

    // The window's own saves hash on a worker and report back on the GUI thread: the same file as a
    // synchronous save (but for its time stamp).
    void savesInTheBackground() {
        Window a = fresh();
        a.session->scheduler().loadPlugin(testpaths::demoPlugin(), 0);
        a.window->openPaths({testpaths::demoImage()});
        QVERIFY(settled(a.session, 1));
        const QString sync = tmp_.filePath(QStringLiteral("sync.fsession"));
        const QString background = tmp_.filePath(QStringLiteral("background.fsession"));
        QCOMPARE(a.window->sessions()->saveSession(sync), QString());
        bool done = false;
        QString error = QStringLiteral("not called");
        a.window->sessions()->saveSessionInBackground(background, [&](const QString& e) {
            done = true;
            error = e;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        QCOMPARE(error, QString());
        const auto withoutTime = [](const QString& path) {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            o.remove(QStringLiteral("saved"));
            return o;
        };
        const QJsonObject saved = withoutTime(background);
        QCOMPARE(saved, withoutTime(sync));
        QVERIFY(!saved.value(QStringLiteral("inputs"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("sha256"))
                     .toString()
                     .isEmpty());
    }

    void namesAChangedInputAndOpensAMovedSession() {
        QTemporaryDir project;
        QVERIFY(QDir().mkpath(project.filePath(QStringLiteral("data"))));
        const QString image = project.filePath(QStringLiteral("data/astronaut.png"));
        QVERIFY(QFile::copy(testpaths::demoImage(), image));
        const QString path = project.filePath(QStringLiteral("s.fsession"));
        {
            Window a = fresh();
            a.session->scheduler().loadPlugin(testpaths::demoPlugin(), 0);
            a.window->openPaths({image});
            QVERIFY(settled(a.session, 1));
            QCOMPARE(a.window->sessions()->saveSession(path), QString());
        }
        // The session and its data move together, as when sent to a colleague.
        const QString moved = tmp_.filePath(QStringLiteral("moved"));
        QVERIFY(QDir().rename(project.path(), moved));
        {
            Window b = fresh();
            QCOMPARE(b.window->sessions()->openSession(moved + QStringLiteral("/s.fsession")), QString());
            QVERIFY(settled(b.session, 1));
            QCOMPARE(b.session->document().currentInput(), moved + QStringLiteral("/data/astronaut.png"));
            QCOMPARE(b.window->notice(), QString());
        }
        // The image changes after saving: opening says which file and that numbers may differ.
        {
            QFile f(moved + QStringLiteral("/data/astronaut.png"));
            QVERIFY(f.open(QIODevice::Append));
            f.write("x");
        }
        Window c = fresh();
        QSignalSpy checked(c.window->sessions(), &SessionActions::checkFinished);
        QCOMPARE(c.window->sessions()->openSession(moved + QStringLiteral("/s.fsession")), QString());
        QVERIFY(settled(c.session, 1));
        QVERIFY(checked.count() > 0 || checked.wait(30000));  // the hashes are checked on a worker
        QVERIFY2(
            c.window->notice().contains(QStringLiteral("astronaut.png changed since the session was saved")),
            qPrintable(c.window->notice()));
        QVERIFY(c.window->notice().contains(QStringLiteral("s.fsession")));
        QDir(moved).removeRecursively();
    }

    void refusesBrokenSessionFilesByName() {
        const QString notJson = tmp_.filePath(QStringLiteral("broken.fsession"));
        QFile f(notJson);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"filterscope-session\", \"plugins\": [");
        f.close();
        Window w = fresh();
        const QString error = w.window->sessions()->openSession(notJson);
        QVERIFY2(error.startsWith(notJson + QStringLiteral(": not JSON")), qPrintable(error));
        const QString other = tmp_.filePath(QStringLiteral("other.json"));
        QFile g(other);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("{\"format\": \"something-else\"}");
        g.close();
        QCOMPARE(w.window->sessions()->openSession(other),
                 other + QStringLiteral(
                             ": not a Filterscope session (its \"format\" is not \"filterscope-session\")"));
        QCOMPARE(
            w.window->sessions()->openSession(tmp_.filePath(QStringLiteral("absent.fsession"))).left(40),
            (tmp_.filePath(QStringLiteral("absent.fsession")) + QStringLiteral(": cannot read")).left(40));
    }

    void offersTheAutosaveLeftByACrash() {
        {
            Window crashed = fresh();
            crashed.session->scheduler().loadPlugin(testpaths::demoPlugin(), 0);
            crashed.window->openPaths({testpaths::demoImage()});
            QVERIFY(settled(crashed.session, 1));
            crashed.session->selection().setAnalysis(MapKind::Frequency);
            QCOMPARE(crashed.window->sessions()->saveSession(SessionActions::autosavePath()), QString());
            // No close event: the window goes away as in a crash, leaving the autosave behind.
        }
        QVERIFY(QFile::exists(SessionActions::autosavePath()));
        Window next = fresh();
        next.window->sessions()->offerRecovery();
        QVERIFY2(next.window->notice().contains(QStringLiteral("did not close normally")),
                 qPrintable(next.window->notice()));
        QVERIFY(!QFile::exists(SessionActions::autosavePath()));  // kept aside, not overwritten by this run
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(next.window, QStringLiteral("session-recovery.png")));
        next.window->noticeBar()->actionButton()->click();
        QVERIFY(settled(next.session, 1));
        QCOMPARE(int(next.session->selection().state().analysis), int(MapKind::Frequency));
        QCOMPARE(next.session->document().currentInput(), testpaths::demoImage());
        // A clean close removes this run's autosave.
        QCOMPARE(next.window->sessions()->saveSession(SessionActions::autosavePath()), QString());
        next.window->close();
        QVERIFY(!QFile::exists(SessionActions::autosavePath()));
    }
};

FILTERSCOPE_TEST_MAIN(SessionRoundTripTest)
#include "SessionRoundTripTest.moc"
