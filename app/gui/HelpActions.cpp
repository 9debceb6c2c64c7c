#include "HelpActions.h"

#include "MainWindow.h"
#include "NoticeBar.h"
#include "common/BuildInfo.h"
#include "common/InstallLayout.h"

#include <QActionGroup>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace filterscope {

HelpActions::HelpActions(MainWindow* window, QMenu* view) : QObject(window), window_(window) {
    QMenu* language = view->addMenu(tr("Interface &Language"));
    auto* group = new QActionGroup(language);
    const QString current = QSettings().value(QStringLiteral("interface/language")).toString();
    // Names of languages in themselves: whoever cannot read the current one still finds their own.
    const std::pair<QString, QString> choices[] = {{QString(), tr("System Default")},
                                                   {QStringLiteral("en"), QStringLiteral("English")},
                                                   {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto& [code, name] : choices) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue(QStringLiteral("interface/language"), code);
            window_->statusBar()->showMessage(
                tr("The interface language changes when Filterscope starts next."), 8000);
        });
    }

    QMenu* help = window_->menuBar()->addMenu(tr("&Help"));
    QAction* start = help->addAction(tr("&Getting Started"), QKeySequence::HelpContents, this,
                                     &HelpActions::showGettingStarted);
    start->setStatusTip(tr("A short walk through the bundled demo"));
    help->addAction(tr("&User Guide"), this, [this] {
        const QString guide =
            QDir(installlayout::dataDir()).absoluteFilePath(QStringLiteral("docs/user-guide.md"));
        if (!QFileInfo::exists(guide)) {
            window_->noticeBar()->showNotice(tr("The user guide is not installed: %1 is missing").arg(guide));
            return;
        }
        showUserGuide(guide);
    });
    help->addSeparator();
    help->addAction(tr("&About Filterscope"), this, &HelpActions::showAbout);
}

void HelpActions::showUserGuide(const QString& path) {
    // Read here, pictures and all (a Markdown viewer is not on every desktop; xdg-open may open an editor).
    auto* dialog = new QDialog(window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("userGuide"));
    dialog->setWindowTitle(tr("Filterscope User Guide"));
    auto* text = new QTextBrowser(dialog);
    text->setOpenExternalLinks(true);
    text->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(900, 700);
    dialog->show();
}

void HelpActions::showGettingStarted() {
    auto* dialog = new QDialog(window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("gettingStarted"));
    dialog->setWindowTitle(tr("Getting Started"));
    auto* text = new QTextBrowser(dialog);
    text->setHtml(tr(
        "<h3>Getting started with the demo</h3>"
        "<p>The window opens the bundled plugin <b>demo-shapes</b> on one of its sample images. It was "
        "trained here on a task whose truth is known: each image holds one shape (circle, square, triangle, "
        "star or cross) on clutter, and only the shape decides the class. Its default variant has a frozen "
        "language-model layer between two trained adapters (Pang et al.); the Variants menu has the same "
        "model with a frozen random layer, with the adapters alone, and without either (baseline).</p>"
        "<ol>"
        "<li><b>Stages</b> (the strip below the view): each stage's map for this input. Click one to show it "
        "large; Page Up / Page Down step through the stages.</li>"
        "<li><b>Map kind</b> (tool bar, or Ctrl+1 to Ctrl+8): token norm, activation, frequency, spatial "
        "spectrum, attention, Q-Former query, attention rollout, query relevance.</li>"
        "<li><b>Tokens</b>: click a token in the view to pick it. Attention maps then show where it attends "
        "(or, with “attended by”, which tokens attend to it); the charts follow.</li>"
        "<li><b>Heads</b> (dock): every attention head of every stage with its entropy; click a cell to show "
        "that head.</li>"
        "<li><b>Compare</b>: Variants &gt; Compare With (e.g. <i>baseline</i>), or File &gt; Open Comparison "
        "Plugin; Ctrl+D switches compare mode. The fourth quadrant says how much A and B differ.</li>"
        "<li><b>Probe</b> (dock): score maps against foreground masks and predictions against labels over a "
        "whole folder, several models, with 95% confidence intervals. The sample's folders: "
        "share/filterscope/demo/shapes/ (images, masks, labels.csv).</li>"
        "<li><b>Keep it</b>: Ctrl+E exports the view as PNG, SVG or PDF at any resolution; File &gt; Save "
        "Session As keeps plugins, inputs, selections and the layout.</li>"
        "</ol>"
        "<p>The same numbers without a window: <code>filterscope-cli run --plugin DIR --input FILE --out "
        "FOLDER</code>.</p>"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(560, 520);
    dialog->show();  // not modal: the walkthrough stays beside the window it describes
}

void HelpActions::showAbout() {
    QString libraries;
    for (const std::string& line : buildinfo::libraryVersions())
        libraries += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(line).toHtmlEscaped());
    QMessageBox::about(
        window_, tr("About Filterscope"),
        tr("<h3>Filterscope %1</h3><p>A workbench to look inside vision transformers and frozen "
           "LLM blocks: token norms, frequency maps, attention heads and query relevance, for "
           "images, video clips and point clouds.</p><p>Runs with:</p><ul>%2</ul>")
            .arg(QString::fromStdString(buildinfo::version()), libraries));
}

}  // namespace filterscope
