// The workbench. Issue 2 ships a minimal window; the linked views come with the workbench issue.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Filterscope"));
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Filterscope"));
    auto* label =
        new QLabel(QStringLiteral("Filterscope workbench: use filterscope-cli run for batch analysis."));
    label->setAlignment(Qt::AlignCenter);
    window.setCentralWidget(label);
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
