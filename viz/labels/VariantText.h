#pragma once

#include "contract/LlmComposition.h"

#include <QCoreApplication>
#include <QString>

namespace filterscope {

// The window's names of an "llm" plugin's variants, in the interface language. In English they equal
// core's variantLabel/variantDescription (which the CLI and figures use); a test holds them together.
inline QString variantText(LlmComposition::Variant v, int layer) {
    switch (v) {
        case LlmComposition::Variant::Llm:
            return QCoreApplication::translate("Variant", "+LLM layer %1").arg(layer);
        case LlmComposition::Variant::Random:
            return QCoreApplication::translate("Variant", "+random block");
        case LlmComposition::Variant::Identity:
            return QCoreApplication::translate("Variant", "+identity");
        case LlmComposition::Variant::Baseline:
            return QCoreApplication::translate("Variant", "baseline");
    }
    return {};
}

inline QString variantDescriptionText(LlmComposition::Variant v) {
    switch (v) {
        case LlmComposition::Variant::Llm:
            return QCoreApplication::translate(
                "Variant", "encoder → adapter → frozen LLM layer from the checkpoint → adapter → tail");
        case LlmComposition::Variant::Random:
            return QCoreApplication::translate(
                "Variant",
                "the same with the layer's weights drawn at random (seeded): is it the LLM's knowledge?");
        case LlmComposition::Variant::Identity:
            return QCoreApplication::translate(
                "Variant",
                "the two adapters alone, the layer replaced by the identity: is it the extra parameters?");
        case LlmComposition::Variant::Baseline:
            return QCoreApplication::translate("Variant", "encoder → tail, without adapters or layer");
    }
    return {};
}

}  // namespace filterscope
