#pragma once

#include <QString>

class vtkTextProperty;

namespace filterscope {

// VTK draws text with its own FreeType fonts (Arial, Courier, Times), which have no Chinese, Japanese or
// Korean glyphs: such text came out as blanks in the 3D view. When TEXT has CJK characters and a Noto
// Sans CJK file is installed (Debian: fonts-noto-cjk, which the setup script installs), PROPERTY draws
// from that file, bold or regular as PROPERTY is set; otherwise with VTK's Arial.
void chooseFontFor(vtkTextProperty* property, const QString& text);

}  // namespace filterscope
