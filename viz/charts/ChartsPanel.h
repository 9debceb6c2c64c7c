#pragma once

#include <QMap>
#include <QPointF>
#include <QVector>
#include <QWidget>

class QChart;
class QChartView;
class QTabWidget;

namespace filterscope {

class Workbench;

// The charts dock (one tab each): token-norm histogram of the selected stage (prefix tokens marked),
// per-stage curves of mean norm, mean phase-norm and high-frequency ratio, and the radial spectrum. Reads the
// cached result; exposes the plotted points so tests can check them against core.
class CkaHeatmapView;
class FaithfulnessChart;
class FourierDepthChart;
class TokenOutlierChart;

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(Workbench* session, QWidget* parent = nullptr);

    QVector<QPointF> histogram() const { return histogram_; }  // (bin centre, count)
    QVector<QPointF> prefixMarks() const { return prefixMarks_; }
    QVector<QPointF> stageCurve(const QString& name) const;  // "mean norm", "mean freq", "hf ratio"
    QVector<QPointF> radialProfile() const { return radial_; }
    // (entropy, mean distance) per head of an attention stage of plugin A (slot 0) or B (slot 1).
    QVector<QPointF> headPoints(int slot, const QString& stage) const;
    QChartView* headsView() const { return headsView_; }
    QChartView* histogramView() const { return histogramView_; }
    QChartView* stagesView() const { return stagesView_; }
    QChartView* spectrumView() const { return spectrumView_; }
    QTabWidget* tabs() const { return tabs_; }
    TokenOutlierChart* tokenOutliers() const { return tokenOutliers_; }
    CkaHeatmapView* layerSimilarity() const { return cka_; }
    FourierDepthChart* fourierDepth() const { return fourier_; }
    FaithfulnessChart* faithfulness() const { return faithfulness_; }
    static constexpr int kHistogramBins = 32;

public Q_SLOTS:
    void refresh();

private:
    QString noResultReason() const;
    QString stageText(const std::string& stage) const;  // A's label for it ("Frozen LLaMA block")
    void refreshHistogram();
    void refreshStageCurves();
    void refreshSpectrum();
    void refreshHeads();

    Workbench* session_;
    QChartView* histogramView_;
    QChartView* stagesView_;
    QChartView* spectrumView_;
    QChartView* headsView_;
    QTabWidget* tabs_;
    TokenOutlierChart* tokenOutliers_;
    CkaHeatmapView* cka_;
    FourierDepthChart* fourier_;
    FaithfulnessChart* faithfulness_;
    QMap<QString, QVector<QPointF>> headPoints_;  // "slot:stage" → points
    QVector<QPointF> histogram_, prefixMarks_, meanNorm_, meanFreq_, hfRatio_, radial_;
};

}  // namespace filterscope
