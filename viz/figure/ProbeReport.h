#pragma once

#include <QByteArray>

#include <string>
#include <vector>

namespace filterscope {

struct ProbeProvenance {
    std::string commandLine;
};

// A figure made elsewhere (already written beside the report) to embed in it.
struct ReportFigure {
    std::string title;
    QByteArray png;
    std::string file;  // under OUT/figures/, without extension
};

// OUT/report.html, self-contained (figures embedded as PNG), from the probe's tables and items: per map
// and headline metric, the metric through the stages of every model with its 95% interval; the paired
// differences whose interval excludes 0; provenance (models and their model-file SHA-256 from
// OUT/items/*/model.txt, input count, version, command line, date). The same figures are written beside it
// as OUT/figures/<metric>_<map>.png (2× scale) and .pdf for a paper. Throws Error naming a file it cannot
// read or write.
void writeProbeReport(const std::string& outDir, const ProbeProvenance& provenance,
                      const std::string& maskDir, const std::vector<ReportFigure>& extra = {});

class DatasetProbe;
// The report of a finished probe with its best/worst overlays (figure/ProbeExtremeFigures): what
// `filterscope-cli probe` and the window's Probe dock both write, into the probe's output folder.
void writeDatasetProbeReport(const DatasetProbe& probe, const ProbeProvenance& provenance);

}  // namespace filterscope
