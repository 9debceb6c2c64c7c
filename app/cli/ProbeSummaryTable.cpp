#include "ProbeSummaryTable.h"

#include "probe/ProbeTables.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

namespace filterscope {
namespace {

std::string cell(const SummaryRow* r) {
    if (!r || r->n == 0 || std::isnan(r->mean))
        return "–";
    char text[64];
    std::snprintf(text, sizeof text, "%.3f [%.3f, %.3f]", r->mean, r->low, r->high);
    return text;
}

std::string padded(const std::string& s, size_t width) {
    // Width in characters, not bytes: "–" is three bytes of UTF-8.
    size_t shown = 0;
    for (unsigned char c : s)
        shown += (c & 0xC0) != 0x80;
    return s + std::string(width > shown ? width - shown : 1, ' ');
}

}  // namespace

std::string probeSummaryTable(const std::string& outDir) {
    const std::vector<SummaryRow> rows = readSummary(outDir);
    std::vector<std::string> models;
    std::map<std::string, std::vector<const SummaryRow*>> byModel;
    for (const SummaryRow& r : rows) {
        if (!byModel.count(r.model))
            models.push_back(r.model);
        byModel[r.model].push_back(&r);
    }
    auto find = [&](const std::string& model, const std::string& stage, const std::string& map,
                    const std::string& metric) -> const SummaryRow* {
        for (const SummaryRow* r : byModel[model])
            if (r->stage == stage && r->map == map && r->metric == metric)
                return r;
        return nullptr;
    };
    bool any = false;
    std::string table;
    size_t nameWidth = 6;
    for (const std::string& m : models)
        nameWidth = std::max(nameWidth, m.size() + 2);
    table += padded("model", nameWidth) + padded("accuracy", 24) + padded("stage", 12) +
             padded("AUROC (activation)", 24) + "mIoU (activation)\n";
    for (const std::string& m : models) {
        std::string stage = "llm.block";
        if (!find(m, stage, "activation", "auroc"))
            for (const SummaryRow* r : byModel[m])  // the last stage scored against the masks
                if (r->map == "activation" && r->metric == "auroc" && r->n > 0)
                    stage = r->stage;
        const SummaryRow* accuracy = find(m, "output", "label", "correct");
        const SummaryRow* auroc = find(m, stage, "activation", "auroc");
        const SummaryRow* miou = find(m, stage, "activation", "miou_best");
        any = any || accuracy || auroc;
        table += padded(m, nameWidth) + padded(cell(accuracy), 24) + padded(auroc ? stage : "–", 12) +
                 padded(cell(auroc), 24) + cell(miou) + "\n";
    }
    return any ? table : std::string();
}

}  // namespace filterscope
