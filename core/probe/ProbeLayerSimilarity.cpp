#include "probe/ProbeLayerSimilarity.h"

#include "analysis/LayerSimilarity.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"
#include "probe/ProbeItems.h"
#include "statistics/ConfidenceStatistics.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <map>
#include <tuple>

namespace filterscope {

namespace {

const char* const kItemHeader = "input,model_a,model_b,stage,tokens,hsic_kl,hsic_kk,hsic_ll,linear_cka";

// ⟨HKH, HLH⟩_F with H the centring matrix, from uncentred Grams: the per-input linear CKA's numerator and
// norms without a second pair of N² matrices.
double centredDot(const std::vector<double>& k, const std::vector<double>& l, int64_t n) {
    std::vector<double> rowK(static_cast<size_t>(n), 0.0), rowL(static_cast<size_t>(n), 0.0);
    double sumK = 0, sumL = 0, dot = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            rowK[i] += k[i * n + j];
            rowL[i] += l[i * n + j];
            dot += k[i * n + j] * l[i * n + j];
        }
    double cross = 0;
    for (int64_t i = 0; i < n; ++i) {
        sumK += rowK[i];
        sumL += rowL[i];
        cross += rowK[i] * rowL[i];
    }
    // tr(HKHL) = ⟨K,L⟩ − (2/n)·(K1)·(L1) + (1ᵀK1)(1ᵀL1)/n²
    return dot - 2.0 / double(n) * cross + sumK * sumL / (double(n) * double(n));
}

}  // namespace

std::vector<StageGram> stageGramsOf(const CaptureSet& captures, const std::vector<std::string>& stages) {
    std::vector<StageGram> out;
    for (const std::string& stage : stages) {
        const FloatArray* tokens = captures.find("tokens." + stage);
        if (!tokens || tokens->dim() != 3 || tokens->shape[1] > kMaxCkaTokens || tokens->shape[1] < 4)
            continue;
        out.push_back({stage, tokens->shape[1], linearGram(*tokens)});
    }
    return out;
}

std::string ckaItemPath(const std::string& outDir, const std::string& outputName) {
    return outDir + "/items/_cka/" + outputName + ".csv";
}

void writeCkaItem(const std::string& path, const std::string& input, const std::vector<ModelGrams>& models) {
    std::string text = std::string(kItemHeader) + "\n";
    for (size_t a = 0; a < models.size(); ++a)
        for (size_t b = a + 1; b < models.size(); ++b)
            for (const StageGram& ga : models[a].grams)
                for (const StageGram& gb : models[b].grams) {
                    if (ga.stage != gb.stage || ga.tokens != gb.tokens)
                        continue;
                    const int64_t n = ga.tokens;
                    const double kl = unbiasedHsic(ga.linear, gb.linear, n);
                    const double kk = unbiasedHsic(ga.linear, ga.linear, n);
                    const double ll = unbiasedHsic(gb.linear, gb.linear, n);
                    const double ckl = centredDot(ga.linear, gb.linear, n);
                    const double ckk = centredDot(ga.linear, ga.linear, n);
                    const double cll = centredDot(gb.linear, gb.linear, n);
                    const double linear = ckk > 0 && cll > 0 ? ckl / std::sqrt(ckk * cll) : std::nan("");
                    text += CsvTable::field(input) + "," + CsvTable::field(models[a].model) + "," +
                            CsvTable::field(models[b].model) + "," + CsvTable::field(ga.stage) + "," +
                            std::to_string(n) + "," + CsvTable::number(kl) + "," + CsvTable::number(kk) +
                            "," + CsvTable::number(ll) + "," +
                            (std::isnan(linear) ? "" : CsvTable::number(linear)) + "\n";
                }
    const QString dir = QFileInfo(QString::fromStdString(path)).absolutePath();
    if (!QDir().mkpath(dir))
        throw Error(dir.toStdString() + ": cannot create folder");
    writeFileAtomically(path, text);
}

size_t rebuildCkaTable(const std::string& outDir) {
    const QDir dir(QString::fromStdString(outDir + "/items/_cka"));
    if (!dir.exists())
        return 0;
    struct Sums {
        double kl = 0, kk = 0, ll = 0;
        std::vector<double> linear;
        int inputs = 0;
    };
    std::map<std::tuple<std::string, std::string, std::string>, Sums> sums;  // ordered: stable output
    for (const QString& name : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
        const std::string path = dir.filePath(name).toStdString();
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::ReadOnly))
            throw Error(path + ": cannot read");
        const QList<QByteArray> lines = f.readAll().split('\n');
        if (lines.isEmpty() || lines.front().toStdString() != kItemHeader)
            throw Error(path + ": not a CKA item file (header \"" + kItemHeader + "\" expected)");
        for (int i = 1; i < lines.size(); ++i) {
            if (lines[i].isEmpty())
                continue;
            const std::vector<std::string> f = splitCsvLine(lines[i].toStdString());
            if (f.size() != 9)
                throw Error(path + ": line " + std::to_string(i + 1) + " has " + std::to_string(f.size()) +
                            " fields, expected 9");
            Sums& s = sums[{f[1], f[2], f[3]}];
            s.kl += std::stod(f[5]);
            s.kk += std::stod(f[6]);
            s.ll += std::stod(f[7]);
            if (!f[8].empty())
                s.linear.push_back(std::stod(f[8]));
            ++s.inputs;
        }
    }
    CsvTable table("model_a,model_b,stage,inputs,minibatch_cka,mean_linear_cka,ci_low,ci_high");
    for (const auto& [key, s] : sums) {
        const double cka = s.kk > 0 && s.ll > 0 ? s.kl / std::sqrt(s.kk * s.ll) : std::nan("");
        const Interval ci =
            s.linear.empty() ? Interval{std::nan(""), std::nan(""), std::nan("")} : bootstrapMean(s.linear);
        const auto number = [](double v) { return std::isnan(v) ? std::string() : CsvTable::number(v); };
        table.addRow(CsvTable::field(std::get<0>(key)) + "," + CsvTable::field(std::get<1>(key)) + "," +
                     CsvTable::field(std::get<2>(key)) + "," + std::to_string(s.inputs) + "," + number(cka) +
                     "," + number(ci.mean) + "," + number(ci.low) + "," + number(ci.high));
    }
    table.writeTo(outDir + "/cka.csv");
    return table.rows().size();
}

}  // namespace filterscope
