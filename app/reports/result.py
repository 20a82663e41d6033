"""What building a report gives back: where the PDF is, how many pages, and whether the font was embedded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.i18n import Text, text
from db.files import copy_private


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    font_name: str
    font_embedded: bool  # False: no embeddable CJK font was found, the PDF uses the viewer's STSong-Light

    @property
    def warning(self) -> Text | None:
        if self.font_embedded:
            return None
        return text(
            "本机没有可嵌入的中文字体，报表改用阅读器自带的宋体（STSong-Light），在其他电脑上打印效果可能不同。"
            "安装文泉驿正黑、黑体或宋体（TrueType）后重新生成即可。",
            "No embeddable Chinese font was found on this computer, so the report uses the PDF viewer's own "
            "STSong-Light and may print differently elsewhere. Install WenQuanYi Zen Hei, SimHei or SimSun "
            "(TrueType) and generate it again.",
        )


def save_copy(result: ReportResult, target: Path) -> None:
    """The report copied where the clerk chose, private (0600) like every file the program writes."""
    copy_private(result.path, target)
