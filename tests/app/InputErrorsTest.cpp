// Errors in place, never a stale result: a mixed folder (a truncated PNG first in name order, a corrupt
// PNG, a README, a clip, a scan, a sub-folder, a 16×16 and a 3000×20 image), a truncated clip with the
// video plugin. Each failure is said in the central view, the Inputs list and the status bar; no dialog
// opens; a failed file is not left selected; odd images open with a visible note. Saves screenshots.
#include "InputActions.h"
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "session/Workbench.h"
#include "views/InputStripView.h"
#include "views/MapOverlayView.h"
#include "views/StageStripView.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace filterscope;

namespace {

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString statusText(MainWindow* w) {
    QString all;
    for (QLabel* l : w->statusBar()->findChildren<QLabel*>())
        all += l->text() + QLatin1Char('\n');
    return all;
}

}  // namespace

class InputErrorsTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, testpaths::demoPlugin(), testpaths::demoImage()));
        const QByteArray photo = readBytes(testpaths::demoImage());
        QVERIFY(photo.size() > 10000);
        writeBytes(dir_.filePath(QStringLiteral("0_truncated.png")), photo.left(photo.size() / 2));
        writeBytes(dir_.filePath(QStringLiteral("a.png")), photo);
        writeBytes(dir_.filePath(QStringLiteral("b_corrupt.png")), QByteArray(4096, '\x5a'));
        writeBytes(dir_.filePath(QStringLiteral("README.md")), "# notes\n");
        writeBytes(dir_.filePath(QStringLiteral("clip.webm")), "not read");
        writeBytes(dir_.filePath(QStringLiteral("cube.ply")), "ply\n");
        QVERIFY(QDir(dir_.path()).mkdir(QStringLiteral("sub")));
        QImage tiny(16, 16, QImage::Format_RGB32);
        tiny.fill(QColor(200, 40, 40));
        QVERIFY(tiny.save(dir_.filePath(QStringLiteral("tiny.png"))));
        QImage wide(3000, 20, QImage::Format_RGB32);
        wide.fill(QColor(40, 40, 200));
        QVERIFY(wide.save(dir_.filePath(QStringLiteral("wide.png"))));
    }
    void cleanupTestCase() { delete window_; }

    void aMixedFolderIsReportedOnceAndAFailedFileIsNotLeftSelected() {
        const QString folder = dir_.path();
        window_->inputs()->openFolder(folder);
        QTRY_COMPARE_WITH_TIMEOUT(  // listed on a worker: the notice comes when that is done
            window_->notice(),
            folder + QStringLiteral(": 4 opened, 1 unreadable, 4 skipped: b_corrupt.png (not a PNG file); "
                                    "clip.webm (a video; the plugin takes images); cube.ply (a point cloud; "
                                    "the plugin takes images); README.md (not an input file); sub (a "
                                    "folder: sub-folders are not opened)"),
            30000);
        // The truncated PNG came first and failed; the window moved on to the next input.
        const QString good = dir_.filePath(QStringLiteral("a.png"));
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().currentInput() == good &&
                                     session_->document().result(0) && !session_->scheduler().isBusy(),
                                 60000);
        const QString truncated = dir_.filePath(QStringLiteral("0_truncated.png"));
        QVERIFY(session_->document().inputFailed(truncated));
        auto* inputs = window_->findChild<InputStripView*>();
        QVERIFY(inputs->isMarkedFailed(truncated));
        QVERIFY(!inputs->isMarkedFailed(good));
        QCOMPARE(session_->document().inputs().size(), 5);  // the demo image, then the folder's 4 added to it
        QVERIFY(window_->findChild<QMessageBox*>() == nullptr);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("input-folder-notice.png")));
    }

    // Opened on their own (not from a folder), the corrupt PNG and the scan get the folder's words.
    void directOpensSayWhatTheFileIs() {
        for (const auto& [name, why] : std::vector<std::pair<QString, QString>>{
                 {QStringLiteral("b_corrupt.png"), QStringLiteral("not a PNG file")},
                 {QStringLiteral("cube.ply"), QStringLiteral("a point cloud; this plugin takes images")}}) {
            const QString path = dir_.filePath(name);
            session_->scheduler().openInput(path);
            QTRY_VERIFY_WITH_TIMEOUT(
                session_->document().currentInput() == path && !session_->document().inputError(0).isEmpty(),
                30000);
            QCOMPARE(session_->document().inputError(0), path + QStringLiteral(": ") + why);
            testwindow::settle();
            QCOMPARE(window_->overlayView()->emptyReason(),
                     QStringLiteral("⚠ ") + path + QStringLiteral(": ") + why);
        }
    }

    void aFailedInputShowsItsErrorInPlaceNotTheLastResult() {
        const QString truncated = dir_.filePath(QStringLiteral("0_truncated.png"));
        session_->scheduler().openInput(truncated);  // the user picks it: shown at once from the kept error
        QTRY_COMPARE(session_->document().currentInput(), truncated);
        QVERIFY(session_->document().result(0) == nullptr);
        QVERIFY(session_->maps().mapFor(0, session_->selection().state().stage) == nullptr);
        const QString error = session_->document().inputError(0);
        const qint64 kept = QFileInfo(truncated).size();  // libpng's reason, not a generic sentence
        QCOMPARE(error,
                 truncated + QStringLiteral(": truncated PNG: the file ends after %1 bytes (libpng: Read "
                                            "Error)")
                                 .arg(kept));
        testwindow::settle();
        QCOMPARE(window_->overlayView()->emptyReason(), QStringLiteral("⚠ ") + error);
        QVERIFY2(statusText(window_).contains(QStringLiteral("0_truncated.png | ⚠ failed: ")),
                 qPrintable(statusText(window_)));
        QVERIFY(window_->findChild<QMessageBox*>() == nullptr);
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("input-error-in-place.png")));
        // A good input afterwards: its result, and no trace of the error in the status bar.
        session_->scheduler().openInput(dir_.filePath(QStringLiteral("a.png")));
        QTRY_VERIFY(session_->document().result(0) != nullptr);
        testwindow::settle();
        QVERIFY(window_->overlayView()->emptyReason().isEmpty());
        QVERIFY(!statusText(window_).contains(QStringLiteral("failed")));
        // The file mended on disk: picked again, it runs again and its result replaces the error.
        writeBytes(truncated, readBytes(testpaths::demoImage()));
        QFile mended(truncated);
        QVERIFY(mended.open(QIODevice::ReadWrite));
        QVERIFY(
            mended.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
        mended.close();
        session_->scheduler().openInput(truncated);
        QTRY_VERIFY_WITH_TIMEOUT(
            session_->document().currentInput() == truncated && session_->document().result(0), 60000);
        QVERIFY(session_->document().inputError(0).isEmpty());
        QVERIFY(!window_->findChild<InputStripView*>()->isMarkedFailed(truncated));
    }

    void tinyAndExtremeImagesOpenWithAVisibleNote() {
        for (const auto& [name, note] :
             {std::pair<QString, QString>{QStringLiteral("tiny.png"),
                                          QStringLiteral("a 16x16 image is upscaled 14x to 224x224")},
              {QStringLiteral("wide.png"),
               QStringLiteral("a 3000x20 image (aspect 150:1): the centre crop to "
                              "224x224 keeps under 1% of it")}}) {
            const QString path = dir_.filePath(name);
            session_->scheduler().openInput(path);
            QTRY_VERIFY_WITH_TIMEOUT(
                session_->document().currentInput() == path && session_->document().result(0), 60000);
            const auto& notes = session_->document().result(0)->notes;
            QVERIFY(std::any_of(notes.begin(), notes.end(), [&](const std::string& n) {
                return QString::fromStdString(n).startsWith(path + QStringLiteral(": ") + note);
            }));
            testwindow::settle();
            QVERIFY2(statusText(window_).contains(QStringLiteral("⚠ 1 note")),
                     qPrintable(statusText(window_)));
        }
    }

    void aTruncatedClipFailsInPlace() {
        const QString clip = testpaths::sharedData() + QStringLiteral("/video/big_buck_bunny_2s_720p.mp4");
        if (!QFile::exists(clip))
            QSKIP("../shared/data is not beside this checkout");
        const QByteArray bytes = readBytes(clip);
        const QString truncated = dir_.filePath(QStringLiteral("clip_truncated.mp4"));
        writeBytes(truncated, bytes.left(bytes.size() / 3));
        session_->scheduler().loadPlugin(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-video"),
                                         0);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().plugin(0) &&
                                     session_->document().plugin(0)->manifest().modality == Modality::Video,
                                 60000);
        window_->openPaths({truncated});
        QTRY_VERIFY_WITH_TIMEOUT(
            session_->document().currentInput() == truncated && !session_->document().inputError(0).isEmpty(),
            60000);
        QVERIFY(session_->document().result(0) == nullptr);
        testwindow::settle();
        QVERIFY2(window_->overlayView()->emptyReason().startsWith(QStringLiteral("⚠ ") + truncated),
                 qPrintable(window_->overlayView()->emptyReason()));
        QVERIFY(window_->findChild<QMessageBox*>() == nullptr);
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("input-error-clip.png")));
    }
};

FILTERSCOPE_TEST_MAIN(InputErrorsTest)
#include "InputErrorsTest.moc"
