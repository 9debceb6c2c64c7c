#pragma once

#include <QWidget>

class QChartView;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace filterscope {

class FilmstripView;
class Workbench;

// Video time: the filmstrip, a scrubber over the sampled frames with play/pause, and the per-frame
// curve (mean and max token norm of the selected stage per token-time step) with the current frame
// marked. Everything follows the session's frame, so the central view, strip and charts stay in step.
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(Workbench* session, QWidget* parent = nullptr);
    QSlider* scrubber() const { return slider_; }
    QToolButton* playButton() const { return play_; }
    FilmstripView* filmstrip() const { return filmstrip_; }
    QVector<QPointF> curve(int which) const;  // 0: mean norm, 1: max norm, per sampled frame

private:
    void refresh();
    void refreshCurve();

    Workbench* session_;
    FilmstripView* filmstrip_;
    QSlider* slider_;
    QToolButton* play_;
    QLabel* label_;
    QChartView* chart_;
    QTimer* timer_;
    QVector<QPointF> mean_, max_;
};

}  // namespace filterscope
