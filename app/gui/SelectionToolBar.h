#pragma once

#include <QToolBar>

class QCheckBox;
class QComboBox;
class QSlider;

namespace filterscope {

class Workbench;

// Stage, analysis, colormap, opacity and scale controls. Edits go to the session; the bar refreshes
// from the session under QSignalBlocker, so it never echoes a change back.
class SelectionToolBar : public QToolBar {
    Q_OBJECT
public:
    explicit SelectionToolBar(Workbench* session, QWidget* parent = nullptr);

    QComboBox* stageBox() const { return stage_; }
    QComboBox* analysisBox() const { return analysis_; }
    QComboBox* colormapBox() const { return colormap_; }

private:
    void refresh();

    Workbench* session_;
    QComboBox* stage_;
    QComboBox* analysis_;
    QComboBox* colormap_;
    QSlider* opacity_;
    QCheckBox* shared_;
    QComboBox* head_;
    QComboBox* direction_;
    class QAction* headAction_ = nullptr;
    class QAction* directionAction_ = nullptr;
};

}  // namespace filterscope
