#pragma once

#include "export/ViewFigure.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace filterscope {

// What Export View asks before it writes: the figure's size (its natural size, or a width — a paper's
// column is 3.5 in — and optionally a height to fit, in in, cm or pt), the resolution for PNG, and a
// caption. The choices are kept for the next export.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `sized`: the figure can take a size (the 3D view's frame and the stage strip cannot).
    ExportDialog(const QString& path, bool sized, QWidget* parent = nullptr);
    int dpi() const;
    ViewFigureOptions options() const;

private:
    void remember() const;

    QCheckBox* natural_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QComboBox* unit_;
    QSpinBox* dpi_;
    QLineEdit* caption_;
};

}  // namespace filterscope
