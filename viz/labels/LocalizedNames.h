#pragma once

#include "contract/PluginManifest.h"

#include <QCoreApplication>
#include <QString>
#include <QVariant>

namespace filterscope {

// The interface language the window runs in ("en", "zh_CN"), as app/gui/InterfaceLanguage set it: a plugin's
// own names follow the interface, not the system locale (a Chinese system may run the English interface).
inline std::string interfaceLanguage() {
    const QVariant v = QCoreApplication::instance()
                           ? QCoreApplication::instance()->property("filterscope.interfaceLanguage")
                           : QVariant();
    return v.isValid() ? v.toString().toStdString() : std::string("en");
}

inline QString stageLabelText(const PluginManifest& m, const std::string& stage) {
    return QString::fromStdString(m.labelForStage(stage, interfaceLanguage()));
}

// A stage label for a narrow place (a chart axis, a heatmap's rows): longer than `room` characters, it
// loses its parenthesis ("Adapter in (192 to 256)" → "Adapter in", "输入适配器（192 至 256）" → "输入适配器")
// rather than being cut mid-word.
inline QString shortStageLabel(const QString& label, int room = 16) {
    int paren = label.indexOf(QStringLiteral(" ("));
    if (paren < 0)
        paren = label.indexOf(QChar(0xFF08));  // a full-width parenthesis, as zh_CN labels have
    int width = 0;                             // in Latin character widths: an ideograph takes two
    for (const QChar ch : label)
        width += ch.unicode() >= 0x2E80 ? 2 : 1;
    return width > room && paren > 0 ? label.left(paren) : label;
}

inline QString pluginNameText(const PluginManifest& m) {
    return QString::fromStdString(m.nameIn(interfaceLanguage()));
}

}  // namespace filterscope
