#pragma once

#include "probe/ProbeTables.h"

#include <QChartView>

#include <string>
#include <vector>

namespace filterscope {

// The dataset probe's chart in the Probe dock: one metric of one map through the stages, per model, its
// mean over inputs as a line and its 95% interval as a band (the report's figure, interactive).
class ProbeStageChart : public QChartView {
    Q_OBJECT
public:
    explicit ProbeStageChart(QWidget* parent = nullptr);
    void show(const std::vector<SummaryRow>& summary, const std::string& metric, const std::string& map);
};

}  // namespace filterscope
