#include "figure/ProbeReport.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "figure/ProbeCurveFigure.h"
#include "figure/ProbeExtremeFigures.h"
#include "probe/ProbeItems.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace filterscope {
namespace {

// The metrics a report plots, in this order; the CSVs hold them all.
const char* const kHeadline[] = {"miou_best", "jaccard60", "auroc",   "pointing",  "iou_fixed",
                                 "mass_fg",   "gini",      "entropy", "top10_mass"};

std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    std::istringstream in(f.readAll().toStdString());
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line))
        rows.push_back(splitCsvLine(line));
    return rows;
}

double value(const std::string& s) {
    return s.empty() ? NAN : std::strtod(s.c_str(), nullptr);
}

QString html(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    writeFileAtomically(path.toStdString(), bytes.toStdString());
}

}  // namespace

void writeProbeReport(const std::string& outDir, const ProbeProvenance& provenance,
                      const std::string& maskDir, const std::vector<ReportFigure>& extra) {
    const auto summary = readCsv(outDir + "/summary.csv");  // model,stage,map,metric,n,mean,ci_low,ci_high
    const auto paired = readCsv(outDir + "/paired.csv");
    // Stages in order of first appearance; models in table order.
    std::vector<std::string> models, stages;
    std::map<std::string, int> inputsOf;
    auto remember = [](std::vector<std::string>& v, const std::string& s) {
        if (std::find(v.begin(), v.end(), s) == v.end())
            v.push_back(s);
    };
    std::map<std::string, std::vector<std::string>> stagesOf;  // each model's stages in model order
    for (const auto& r : summary) {
        remember(models, r[0]);
        remember(stagesOf[r[0]], r[1]);
        inputsOf[r[0]] = std::max(inputsOf[r[0]], std::atoi(r[4].c_str()));
    }
    // One axis for all models: the longest model's stages, each other stage placed after the stage that
    // precedes it in its own model (a baseline's "norm" stays last, after an llm model's llm.* stages).
    std::vector<std::string> byLength = models;
    std::stable_sort(byLength.begin(), byLength.end(), [&](const std::string& a, const std::string& b) {
        return stagesOf[a].size() > stagesOf[b].size();
    });
    for (const std::string& model : byLength) {
        std::string previous;
        for (const std::string& stage : stagesOf[model]) {
            if (std::find(stages.begin(), stages.end(), stage) == stages.end()) {
                auto at =
                    previous.empty() ? stages.begin() : std::find(stages.begin(), stages.end(), previous) + 1;
                stages.insert(at, stage);
            }
            previous = stage;
        }
    }
    QString body;
    QDir().mkpath(QString::fromStdString(outDir + "/figures"));
    std::vector<std::string> maps;
    for (const auto& r : summary)
        remember(maps, r[2]);
    int figures = 0;
    for (const std::string& map : maps)
        for (const char* metric : kHeadline) {
            ProbeCurveFigure fig;
            fig.title = QStringLiteral("%1 of the %2 map, per stage")
                            .arg(QLatin1String(metric), QString::fromStdString(map));
            fig.metric = QString::fromLatin1(metric) + QStringLiteral(" (mean over inputs)");
            std::vector<std::string> shown;  // stages where any model has this metric
            for (const std::string& stage : stages)
                for (const auto& r : summary)
                    if (r[1] == stage && r[2] == map && r[3] == metric && r[4] != "0") {
                        remember(shown, stage);
                        break;
                    }
            if (shown.empty())
                continue;
            for (const std::string& s : shown)
                fig.stages << QString::fromStdString(s);
            for (const std::string& model : models) {
                ProbeCurveSeries series;
                series.model = QString::fromStdString(model);
                for (const std::string& stage : shown) {
                    double m = NAN, lo = NAN, hi = NAN;
                    for (const auto& r : summary)
                        if (r[0] == model && r[1] == stage && r[2] == map && r[3] == metric)
                            m = value(r[5]), lo = value(r[6]), hi = value(r[7]);
                    series.mean.push_back(m), series.low.push_back(lo), series.high.push_back(hi);
                }
                fig.series.push_back(series);
            }
            const QString base = QString::fromStdString(outDir) + QStringLiteral("/figures/") +
                                 QLatin1String(metric) + QLatin1Char('_') + QString::fromStdString(map);
            const QByteArray png = fig.png(2.0);
            writeBytes(base + QStringLiteral(".png"), png);
            writeBytes(base + QStringLiteral(".pdf"), fig.pdf());
            body += QStringLiteral(
                        "<figure><img alt=\"%1\" width=\"640\" src=\"data:image/png;base64,%2\">"
                        "<figcaption>%1 — figures/%3.png, .pdf</figcaption></figure>\n")
                        .arg(fig.title.toHtmlEscaped(), QString::fromLatin1(png.toBase64()),
                             QLatin1String(metric) + QLatin1Char('_') + QString::fromStdString(map));
            ++figures;
        }

    QString extremes;
    for (const ReportFigure& f : extra)
        extremes += QStringLiteral(
                        "<figure><img alt=\"%1\" width=\"640\" src=\"data:image/png;base64,%2\">"
                        "<figcaption>%1 — figures/%3.png</figcaption></figure>\n")
                        .arg(html(f.title), QString::fromLatin1(f.png.toBase64()), html(f.file));

    // Differences that hold: the 95% interval excludes 0.
    QString holds;
    int holding = 0;
    for (const auto& r : paired) {
        const double lo = value(r[7]), hi = value(r[8]);
        if (!(lo > 0 || hi < 0) ||
            std::find(std::begin(kHeadline), std::end(kHeadline), r[4]) == std::end(kHeadline))
            continue;
        ++holding;
        holds += QStringLiteral(
                     "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td>"
                     "<td>%7</td><td>[%8, %9]</td><td>%10</td></tr>\n")
                     .arg(html(r[0]), html(r[1]), html(r[2]), html(r[3]), html(r[4]), html(r[5]), html(r[6]),
                          html(r[7]), html(r[8]))
                     .arg(html(r[9]));
    }
    // Against the labels (probe --labels): accuracy and the label's probability per model, and the paired
    // accuracy differences.
    QString accuracy;
    for (const std::string& model : models) {
        QString cells;
        for (const char* metric : {"correct", "p_label"})
            for (const auto& r : summary)
                if (r[0] == model && r[1] == "output" && r[2] == "label" && r[3] == metric)
                    cells += QStringLiteral("<td>%1</td><td>[%2, %3]</td>")
                                 .arg(html(r[5]), html(r[6]), html(r[7]));
        if (!cells.isEmpty())
            accuracy += QStringLiteral("<tr><td>%1</td><td>%2</td>%3</tr>\n")
                            .arg(html(model))
                            .arg(inputsOf[model])
                            .arg(cells);
    }
    QString accuracyPairs;
    for (const auto& r : paired)
        if (r[2] == "output" && r[4] == "correct")
            accuracyPairs +=
                QStringLiteral(
                    "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>[%5, %6]</td><td>%7</td></tr>\n")
                    .arg(html(r[0]), html(r[1]), html(r[5]), html(r[6]), html(r[7]), html(r[8]), html(r[9]));
    if (!accuracy.isEmpty())
        accuracy = QStringLiteral(
                       "<h2>Against the labels</h2>\n<p>Accuracy: the share of inputs whose top-1 class is "
                       "the label; p_label: the softmax probability of the label (means, 95% intervals)."
                       "</p>\n<table><tr><th>model</th><th>inputs</th><th>accuracy</th><th>95% CI</th>"
                       "<th>p_label</th><th>95% CI</th></tr>\n") +
                   accuracy + QStringLiteral("</table>\n") +
                   (accuracyPairs.isEmpty()
                        ? QString()
                        : QStringLiteral(
                              "<table><tr><th>model A</th><th>model B</th><th>n</th><th>accuracy A − B</th>"
                              "<th>95% CI</th><th>p</th></tr>\n") +
                              accuracyPairs + QStringLiteral("</table>\n"));
    QString modelRows;
    for (const std::string& model : models) {
        QFile record(QString::fromStdString(outDir + "/items/" + model + "/model.txt"));
        QString hash = QStringLiteral("?");
        if (record.open(QIODevice::ReadOnly))
            for (const QByteArray& line : record.readAll().split('\n'))
                if (line.startsWith("sha256 "))
                    hash = QString::fromLatin1(line.mid(7));
        modelRows += QStringLiteral("<tr><td>%1</td><td><code>%2</code></td><td>%3</td></tr>\n")
                         .arg(html(model), hash)
                         .arg(inputsOf[model]);
    }
    const QString page =
        QStringLiteral(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Filterscope dataset probe</title>\n"
            "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1000px;margin:2em auto;color:#222}"
            "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
            "th{background:#f3f3f3}figure{display:inline-block;margin:8px}figcaption{font-size:12px;color:#"
            "555}"
            "code{font-size:11px}</style></head><body>\n"
            "<h1>Dataset probe</h1>\n<p>%1 models; means over inputs with 95% percentile-bootstrap intervals "
            "(2,000 resamples, fixed seed). Numbers: probe.csv, summary.csv, paired.csv beside this file. "
            "Definitions: plugins/README.md, \"Dataset probe\".</p>\n%11<h2>Through the stages</h2>\n%2"
            "<h2>Differences that hold</h2>\n<p>%3 paired differences of the plotted metrics whose 95% "
            "interval "
            "excludes 0 (two-sided sign-flip permutation p-value).</p>\n"
            "<table><tr><th>model A</th><th>model B</th><th>stage</th><th>map</th><th>metric</th><th>n</th>"
            "<th>mean A − B</th><th>95% CI</th><th>p</th></tr>\n%4</table>\n"
            "<h2>Best and worst inputs</h2>\n%10"
            "<h2>Provenance</h2>\n<table><tr><th>model</th><th>model file "
            "SHA-256</th><th>inputs</th></tr>\n%5"
            "</table>\n<p>Masks: %6<br>Filterscope %7<br>Command: <code>%8</code><br>Written %9</p>\n"
            "</body></html>\n")
            .arg(models.size())
            .arg(figures ? body : QStringLiteral("<p>No metric has values.</p>"))
            .arg(holding)
            .arg(holds, modelRows,
                 maskDir.empty() ? QStringLiteral("none (label-free metrics only)") : html(maskDir),
                 QStringLiteral(FILTERSCOPE_VERSION), html(provenance.commandLine),
                 QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
            .arg(extremes.isEmpty()
                     ? QStringLiteral("<p>None: no masks, or written by probe-merge (run probe "
                                      "once more in the merged folder to draw them).</p>")
                     : extremes)
            .arg(accuracy);
    writeFileAtomically(outDir + "/report.html", page.toStdString());
}

void writeDatasetProbeReport(const DatasetProbe& probe, const ProbeProvenance& provenance) {
    const DatasetProbeOptions& options = probe.options();
    writeProbeReport(options.outputDirectory, provenance, options.maskDirectory,
                     writeExtremeFigures(probe.models(), options));
}

}  // namespace filterscope
