"""Small corpora whose scores can be checked by hand."""

from matching import ScenarioDoc, VendorDoc


def make_scenarios() -> list[ScenarioDoc]:
    return [
        ScenarioDoc("s1", title="轮胎胎面漏检多", description="工人肉眼看胎面，漏检多", industry="轮胎"),
        ScenarioDoc(
            "s2",
            title="Fraud in small loans",
            description="Our bank sees fraud in credit applications",
            industry="Banking",
        ),
        ScenarioDoc("s3", title="布匹瑕疵", description="织布厂工人肉眼看布匹，漏检多", industry="纺织"),
    ]


def make_vendors() -> list[VendorDoc]:
    return [
        VendorDoc(
            "v1", name="澜瞳", description="机器视觉缺陷检测，服务轮胎、家电", industries=("轮胎",), tags=("缺陷检测",)
        ),
        VendorDoc(
            "v2",
            name="Fenwatch",
            description="Anti-fraud and credit risk models for banks",
            industries=("Banking",),
            tags=("fraud",),
        ),
        VendorDoc(
            "v3",
            name="Weft",
            description="Fabric flaw detection for weaving mills",
            industries=("Textiles",),
            tags=("defect detection",),
        ),
        VendorDoc("v4", name="语音", description="语音识别平台", tags=("语音识别",)),
    ]
