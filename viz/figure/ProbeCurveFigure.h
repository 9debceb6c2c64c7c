#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;

namespace filterscope {

// A metric through the stages of each model, with its 95% interval as a band: the dataset probe's main
// figure. Laid out in points (480 × 300) so PNG at any scale and PDF look the same.
struct ProbeCurveSeries {
    QString model;
    std::vector<double> mean, low, high;  // per stage of ProbeCurveFigure::stages; NaN: not there
};

struct ProbeCurveFigure {
    QString title;
    QString metric;  // y-axis label
    QStringList stages;
    std::vector<ProbeCurveSeries> series;

    static constexpr double kWidthPt = 480, kHeightPt = 300;
    void paint(QPainter& p) const;       // in points
    QByteArray png(double scale) const;  // pixels per point
    QByteArray pdf() const;
};

}  // namespace filterscope
