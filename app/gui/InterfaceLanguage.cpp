#include "InterfaceLanguage.h"

#include "common/InstallLayout.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace filterscope {

QString installInterfaceLanguage(const QString& requested) {
    QString language = requested;
    if (language.isEmpty())
        language = QSettings().value(QStringLiteral("interface/language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QCoreApplication::instance()->setProperty("filterscope.interfaceLanguage", QStringLiteral("en"));
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return QStringLiteral("en");
    // The translators live as long as the application: they are its children.
    auto* ours = new QTranslator(QCoreApplication::instance());
    if (!ours->load(locale, QStringLiteral("filterscope"), QStringLiteral("_"),
                    installlayout::translationsDir())) {
        delete ours;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours);
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    QCoreApplication::instance()->setProperty("filterscope.interfaceLanguage", locale.name());
    return locale.name();
}

}  // namespace filterscope
