#pragma once

#include <QChartView>
#include <QPointF>
#include <QVector>

namespace filterscope {

class Workbench;

// The norms of every token of the selected stage against their sequence index: prefix tokens, grid
// tokens, and the outliers above median + k·1.4826·MAD (Darcet et al. 2023) in red, with the threshold;
// the title adds the massive activation (Sun et al. 2024) and the sink tokens (Kang et al. 2025). Clicking
// a grid token selects it in every view.
class TokenOutlierChart : public QChartView {
    Q_OBJECT
public:
    explicit TokenOutlierChart(Workbench* session, QWidget* parent = nullptr);
    QVector<QPointF> outlierPoints() const { return outliers_; }  // (sequence index, norm)
    QVector<QPointF> tokenPoints() const { return tokens_; }      // every token, outliers included
    double threshold() const { return threshold_; }
    void selectSequenceToken(int index);  // what a click does

public Q_SLOTS:
    void refresh();

private:
    Workbench* session_;
    QVector<QPointF> outliers_, tokens_;
    double threshold_ = 0;
};

}  // namespace filterscope
