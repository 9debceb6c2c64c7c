#pragma once

#include <QMainWindow>

class QStackedWidget;
class QLabel;

namespace filterscope {

class ChartsPanel;
class CompareView;
class DatasetProbePanel;
class ExportActions;
class HeadGridPanel;
class InputActions;
class MapOverlayView;
class NoticeBar;
class PointCloudView;
class QueryPanel;
class SessionActions;
class StageStripView;
class TimelinePanel;
class Workbench;

// The workbench window: the central view (a map over the image, compare mode, or the 3D view), the docks
// and the status bar, wired to the Workbench. It holds no analysis state and no menu behaviour of its own:
// each menu is a small actions object (PluginActions, InputActions, SessionActions, ExportActions,
// ViewActions, HelpActions) that asks the workbench or this window for what it needs. Layout persists in
// QSettings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Workbench* workbench, QWidget* parent = nullptr);

    Workbench* workbench() const { return workbench_; }
    MapOverlayView* overlayView() const { return overlay_; }
    StageStripView* stageStrip() const { return strip_; }
    ChartsPanel* charts() const { return charts_; }
    CompareView* compareView() const { return compare_; }
    HeadGridPanel* headGrid() const { return headGrid_; }
    QueryPanel* queryPanel() const { return queryPanel_; }
    DatasetProbePanel* probePanel() const { return probePanel_; }
    TimelinePanel* timeline() const { return timeline_; }
    NoticeBar* noticeBar() const { return notice_; }
    QString notice() const;       // the notice shown, or ""
    PointCloudView* cloudView();  // made on first use
    bool showsCloudView() const;  // the 3D view is the central view now
    void setCompareMode(bool on);
    bool compareMode() const;

    InputActions* inputs() const { return inputs_; }
    SessionActions* sessions() const { return sessions_; }
    ExportActions* exports() const { return exports_; }
    // Opens paths dropped or given on the command line: plugin folders, input files, input folders.
    void openPaths(const QStringList& paths);
    // Plugins and exports only (an input's failure is shown in place): window-modal and non-blocking.
    void showError(const QString& message);

Q_SIGNALS:
    void compareModeChanged(bool on);

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createDocks();
    void restoreSettings();
    void showCentralFor();  // the 3D view for a point cloud, else the overlay (outside compare mode)

    Workbench* workbench_;
    QStackedWidget* central_;
    MapOverlayView* overlay_;
    CompareView* compare_;
    StageStripView* strip_;
    ChartsPanel* charts_;
    HeadGridPanel* headGrid_ = nullptr;
    QueryPanel* queryPanel_ = nullptr;
    DatasetProbePanel* probePanel_ = nullptr;
    TimelinePanel* timeline_ = nullptr;
    PointCloudView* cloudView_ = nullptr;
    NoticeBar* notice_;
    QLabel* hoverLabel_;
    InputActions* inputs_ = nullptr;
    SessionActions* sessions_ = nullptr;
    ExportActions* exports_ = nullptr;
    bool lastResultWasVideo_ = false;
};

}  // namespace filterscope
