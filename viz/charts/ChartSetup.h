#pragma once

#include <QChart>
#include <QChartView>

namespace filterscope {

// What every chart of the workbench shares: antialiased, a readable minimum height in a dock, thin margins,
// the legend below.
inline void prepareChartView(QChartView* view) {
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->chart()->setMargins(QMargins(4, 4, 4, 4));
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
}

// Removes every series and axis before a chart is drawn again for a new result or selection.
inline void clearChart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* a : chart->axes()) {
        chart->removeAxis(a);
        delete a;
    }
}

}  // namespace filterscope
