#pragma once

#include <QPointF>
#include <QVector>
#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;

namespace filterscope {

class Workbench;

// Insertion and deletion curves (Petsiuk et al. 2018) of the map shown now — stage, map, head, token — for A
// and, in compare mode, B: computed when asked (2(S+1) forward passes on the job queue), then kept.
class FaithfulnessChart : public QWidget {
    Q_OBJECT
public:
    explicit FaithfulnessChart(Workbench* session, QWidget* parent = nullptr);
    QVector<QPointF> curve(int slot, bool deletion) const;  // (fraction of cells, p(class))
    QPushButton* computeButton() const { return compute_; }
    QString status() const;

public Q_SLOTS:
    void refresh();

private:
    Workbench* session_;
    QPushButton* compute_;
    QLabel* status_;
    QChartView* view_;
    QVector<QPointF> curves_[2][2];  // [slot][deletion]
};

}  // namespace filterscope
