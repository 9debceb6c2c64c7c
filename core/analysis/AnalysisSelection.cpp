#include "analysis/AnalysisSelection.h"

#include "common/Error.h"

#include <sstream>

namespace filterscope {
namespace {

const char* const kKnown =
    "norm, activation, freq, spectrum, attention, rollout, qformer, relevance, tokenstats, cka, fourier, "
    "faithfulness";

}  // namespace

AnalysisSelection AnalysisSelection::none() {
    AnalysisSelection s;
    s.norm = s.activation = s.frequency = s.spectrum = s.attention = s.rollout = s.qformer = s.relevance =
        false;
    s.tokenstats = s.cka = s.fourier = s.faithfulness = false;
    return s;
}

AnalysisSelection AnalysisSelection::parse(const std::string& commaList) {
    AnalysisSelection s = none();
    std::stringstream in(commaList);
    std::string name;
    bool any = false;
    while (std::getline(in, name, ',')) {
        if (name.empty())
            continue;
        any = true;
        if (name == "norm")
            s.norm = true;
        else if (name == "activation")
            s.activation = true;
        else if (name == "freq" || name == "frequency")
            s.frequency = true;
        else if (name == "spectrum")
            s.spectrum = true;
        else if (name == "attention")
            s.attention = s.rollout = true;
        else if (name == "rollout")
            s.rollout = true;
        else if (name == "qformer")
            s.qformer = s.relevance = true;
        else if (name == "relevance")
            s.relevance = true;
        else if (name == "tokenstats")
            s.tokenstats = true;
        else if (name == "cka")
            s.cka = true;
        else if (name == "fourier")
            s.fourier = true;
        else if (name == "faithfulness")
            s.faithfulness = true;
        else
            throw Error("unknown analysis \"" + name + "\" (known: " + kKnown + ")");
    }
    if (!any)
        throw Error(std::string("--analyses names no analysis (known: ") + kKnown + ")");
    return s;
}

std::string AnalysisSelection::toString() const {
    std::string s;
    auto add = [&](bool on, const char* n) {
        if (on)
            s += (s.empty() ? "" : ",") + std::string(n);
    };
    add(norm, "norm");
    add(activation, "activation");
    add(frequency, "freq");
    add(spectrum, "spectrum");
    add(attention, "attention");
    add(rollout, "rollout");
    add(qformer, "qformer");
    add(relevance, "relevance");
    add(tokenstats, "tokenstats");
    add(cka, "cka");
    add(fourier, "fourier");
    add(faithfulness, "faithfulness");
    return s;
}

}  // namespace filterscope
