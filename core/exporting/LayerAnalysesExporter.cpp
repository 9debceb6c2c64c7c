#include "exporting/LayerAnalysesExporter.h"

#include "array/NpyFile.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"

#include <QDir>
#include <QString>

namespace filterscope {

const char* const kTokenStatsHeader =
    "stage,median_norm,max_norm,outliers,outlier_tokens,top1,top1_token,top1_channel,top2,top2_token,"
    "top2_channel,top3,top3_token,top3_channel,median_abs,massive_ratio,sink_dims,sinks,sink_tokens";
const char* const kFaithfulnessHeader = "stage,map,class,insertion_auc,deletion_auc";

namespace {

std::string spaced(const std::vector<int64_t>& values) {
    std::string s;
    for (int64_t v : values)
        s += (s.empty() ? "" : " ") + std::to_string(v);
    return s;
}

std::string stageFolder(const std::string& directory, const std::string& stage) {
    const std::string dir = directory + "/" + stage;
    if (!QDir().mkpath(QString::fromStdString(dir)))
        throw Error(dir + ": cannot create folder");
    return dir;
}

FloatArray vectorArray(const std::vector<float>& v) {
    return FloatArray({static_cast<int64_t>(v.size())}, v);
}

}  // namespace

void writeLayerAnalyses(const std::string& directory, const LayerAnalyses& layers) {
    if (!layers.tokenStats.empty()) {
        CsvTable table(kTokenStatsHeader);
        for (const StageTokenStatistics& t : layers.tokenStats) {
            const TokenStatistics& s = t.stats;
            std::string row = CsvTable::field(t.stage) + "," + CsvTable::number(s.medianNorm) + "," +
                              CsvTable::number(s.maxNorm) + "," + std::to_string(s.outliers.size()) + "," +
                              spaced(s.outliers);
            for (size_t k = 0; k < 3; ++k)
                row += k < s.top.size()
                           ? "," + CsvTable::number(s.top[k].value) + "," + std::to_string(s.top[k].token) +
                                 "," + std::to_string(s.top[k].channel)
                           : std::string(",,,");
            row += "," + CsvTable::number(s.medianAbs) + "," + CsvTable::number(s.massiveRatio) + "," +
                   spaced(s.sinkDims) + "," + std::to_string(s.sinks.size()) + "," + spaced(s.sinks);
            table.addRow(row);
            writeNpy(stageFolder(directory, t.stage) + "/sink_phi.npy", vectorArray(s.phi));
        }
        table.writeTo(directory + "/token_stats.csv");
    }
    if (layers.cka) {
        writeNpy(directory + "/cka.npy", layers.cka->values);
        std::string names;
        for (const std::string& s : layers.cka->stages)
            names += s + "\n";
        writeFileAtomically(directory + "/cka_stages.txt", names);
    }
    for (const StageFourierCurve& f : layers.fourier)
        writeNpy(stageFolder(directory, f.stage) + "/dlogamp.npy", f.dlogamp);
    if (!layers.faithfulness.empty()) {
        CsvTable table(kFaithfulnessHeader);
        for (const FaithfulnessCurves& c : layers.faithfulness) {
            const std::string dir = stageFolder(directory, c.stage);
            writeNpy(dir + "/" + c.map + "_deletion.npy", vectorArray(c.deletion));
            writeNpy(dir + "/" + c.map + "_insertion.npy", vectorArray(c.insertion));
            table.addRow(CsvTable::field(c.stage) + "," + c.map + "," + std::to_string(c.cls) + "," +
                         CsvTable::number(c.insertionAuc) + "," + CsvTable::number(c.deletionAuc));
        }
        table.writeTo(directory + "/faithfulness.csv");
    }
}

}  // namespace filterscope
