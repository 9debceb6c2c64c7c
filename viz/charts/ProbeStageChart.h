#pragma once

#include "probe/ProbeTables.h"

#include <QChartView>
#include <QString>

#include <map>

#include <string>
#include <vector>

namespace filterscope {

// The dataset probe's chart in the Probe dock: one metric of one map through the stages, per model, its
// mean over inputs as a line and its 95% interval as a band (the report's figure, interactive). The x axis
// names the stages by STAGELABELS (id → the plugin's label; an id without one is shown as it is).
class ProbeStageChart : public QChartView {
    Q_OBJECT
public:
    explicit ProbeStageChart(QWidget* parent = nullptr);
    void show(const std::vector<SummaryRow>& summary, const std::string& metric, const std::string& map,
              const std::map<std::string, QString>& stageLabels);
};

}  // namespace filterscope
