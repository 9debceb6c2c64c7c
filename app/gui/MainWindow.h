#pragma once

#include <QFuture>
#include <QMainWindow>

#include <functional>

class QStackedWidget;
class QLabel;
class QMenu;
class QTimer;

namespace filterscope {

struct InputFolderListing;
class ChartsPanel;
class CompareView;
class HeadGridPanel;
class ProbePanel;
class QueryPanel;
class TimelinePanel;
class PointCloudView;
class MapOverlayView;
class NoticeBar;
class ProbeSession;
class StageStripView;

// Wires the session to its views, docks and actions; holds no analysis state of its own. Window layout,
// recent plugins and last view choices persist in QSettings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ProbeSession* session, QWidget* parent = nullptr);

    MapOverlayView* overlayView() const { return overlay_; }
    StageStripView* stageStrip() const { return strip_; }
    ChartsPanel* charts() const { return charts_; }
    CompareView* compareView() const { return compare_; }
    HeadGridPanel* headGrid() const { return headGrid_; }
    QueryPanel* queryPanel() const { return queryPanel_; }
    ProbePanel* probePanel() const { return probePanel_; }
    TimelinePanel* timeline() const { return timeline_; }
    PointCloudView* cloudView();                        // made on first use
    QString exportPointCloudView(const QString& path);  // PNG of the 3D view as shown
    void setCompareMode(bool on);
    bool compareMode() const;

    // Opens paths dropped or given on the command line: plugin folders, input files, input folders.
    void openPaths(const QStringList& paths);
    // Adds the folder's readable inputs of the plugin's kind and says once what it opened, found unreadable
    // and skipped (the notice above the central view); selects the first input that does not fail. The
    // folder is listed on a worker thread; the notice comes when that is done.
    void openImageFolder(const QString& folder);
    QString notice() const;  // the notice shown, or ""
    // Exports the current central view (or compare view) to PNG/SVG/PDF by suffix; returns an error or "".
    QString exportCurrentView(const QString& path, int dpi);
    QString exportStageStrip(const QString& path, int dpi);

    // Sessions (core/session/SessionFile plus this window's layout and compare mode). Both return an error
    // or ""; opening names changed or missing files in the notice above the view.
    // saveSession hashes and writes on the calling thread; the window's own saves (Save Session As,
    // autosave) use saveSessionInBackground, which hashes the files on a worker and calls `done` (with an
    // error or "") back on the GUI thread. openSession restores at once and checks the files' hashes on a
    // worker, naming changed ones in the notice when that is done (sessionCheckFinished).
    QString saveSession(const QString& path);
    QFuture<QString> saveSessionInBackground(const QString& path,
                                             std::function<void(const QString& error)> done);
    QString openSession(const QString& path);
    // Written every minute while something changed, removed on a clean close: one left at start means
    // the last run ended without closing, and the window offers to restore it.
    static QString autosavePath();
    void offerRecovery();
    NoticeBar* noticeBar() const { return notice_; }

Q_SIGNALS:
    void sessionCheckFinished(const QStringList& changes);

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createActions();
    void createDocks();
    void restoreSettings();
    void showError(const QString& message);
    void rememberPlugin(const QString& dir);
    void rebuildRecentMenu();
    void updateStatus();
    void skipFailedAutoSelection();
    QString pluginDialogFolder() const;
    void openPluginInteractively(int slot);  // bundled plugins, or the folder of the last plugin opened
    void exportViewInteractively(bool strip);
    void createSessionActions(QMenu* file);
    void addListedFolder(const QString& folder, const InputFolderListing& listing);
    void createHelpMenu(QMenu* view);
    void autosave();
    void showGettingStarted();
    void showAbout();

    ProbeSession* session_;
    QStackedWidget* central_;
    MapOverlayView* overlay_;
    CompareView* compare_;
    StageStripView* strip_;
    ChartsPanel* charts_;
    HeadGridPanel* headGrid_ = nullptr;
    QueryPanel* queryPanel_ = nullptr;
    ProbePanel* probePanel_ = nullptr;
    TimelinePanel* timeline_ = nullptr;
    PointCloudView* cloudView_ = nullptr;
    double pointSize_ = 5.0;
    bool lastResultWasVideo_ = false;
    QMenu* recentMenu_ = nullptr;
    NoticeBar* notice_;
    QString autoSelected_;  // an input chosen for the user: if it fails, the next one is chosen instead
    QLabel* statusLabel_;
    QLabel* hoverLabel_;
    QAction* compareAction_ = nullptr;
    QTimer* autosaveTimer_ = nullptr;
    bool sessionDirty_ = false;
    bool autosaving_ = false;
    QFuture<QString> autosave_;  // waited for on close, so the clean close's removal comes last
};

}  // namespace filterscope
