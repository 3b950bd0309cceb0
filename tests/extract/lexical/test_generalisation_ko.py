"""Korean generalisation table: Yonhap/KBS wire style, NIS briefings as reported, KCNA register.

Sentences written for this project after the rules; none is copied from news text, facts are
paraphrased or invented (publication date 2025-06-18, so "지난 17일" is 2025-06-17). The
pass rate is pinned in ``floors.json``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .generalisation import Case, W, pass_rate

P, OG, C, E, D = "announced_planned", "ongoing", "completed", "reported_estimate", "denied"
LD, TD, AT, MT, AG, CA, WP = ("labor_dispatch", "troop_deployment", "arms_transfer", "meeting", "agreement",
                              "casualties", "workers_present")
K = "RU/Kursk"
FE = "RU/Far East"
NIS = "South Korea's National Intelligence Service"
UNNAMED = "unnamed reports"

CASES: list[Case] = [
    # "1천500명", "추가로"
    ("북한이 러시아 쿠르스크에 공병 1천500명을 추가로 파견했다고 국정원이 밝혔다.",
     [W(LD, "KP", K, 1500, "sappers", "exact", NIS, C)]),
    # "에 따르면" first, "1만1천여 명"
    ("국가정보원에 따르면 러시아에 파병된 북한군은 1만1천여 명에 이른다.",
     [W(TD, "KP", "RU", 11000, "troops", "approx", NIS, C)]),
    # "약 3천 명의", "올해 초", sourceless "것으로 알려졌다"
    ("북한은 올해 초 약 3천 명의 병력을 러시아에 추가 파병한 것으로 알려졌다.",
     [W(TD, "KP", "RU", 3000, "troops", "approx", UNNAMED, E, "2025")]),
    # "최소 2천 명의"
    ("합참은 최소 2천 명의 북한군이 쿠르스크 전선에 투입됐다고 밝혔다.",
     [W(TD, "KP", K, 2000, "troops", "at_least", "Joint Chiefs of Staff", C)]),
    # vague "수천 명", "…고 … 전했다" with an outlet outside the lexicon
    ("북한 노동자 수천 명이 러시아 극동 지역 건설 현장에서 일하고 있다고 미국의소리 방송이 전했다.",
     [W(WP, "KP", FE, None, "workers", None, "Voice of America", OG)]),
    # "지난 17일"
    ("러시아 타스통신은 북한 건설 노동자 1천 명이 지난 17일 블라디보스토크에 도착했다고 보도했다.",
     [W(LD, "KP", FE, 1000, "construction workers", "exact", "TASS", C, "2025-06-17")]),
    ("김정은 국무위원장은 평양을 방문한 벨로우소프 러시아 국방장관과 회담했다.",
     [W(MT, "Kim Jong Un", "Andrei Belousov")]),
    # planned meeting: "다음 달" is the plan's time, never a date of event (../shared/cases/README.md)
    ("최선희 외무상은 다음 달 모스크바를 방문해 라브로프 외무장관과 회담할 예정이다.",
     [W(MT, "Choe Son Hui", "Sergei Lavrov", mod=P)]),
    # "사실무근"
    ("크렘린궁은 북한 노동자가 러시아에 파견됐다는 보도는 사실무근이라고 밝혔다.",
     [W(LD, "KP", "RU", None, "workers", None, "Kremlin", D, neg=True)]),
    ("북한 국방성은 러시아에 무기를 수출했다는 주장을 강하게 부인했다.",
     [W(AT, "KP", "RU", None, None, None, "DPRK Defence Ministry", D, neg=True)]),
    # casualties, "숨지거나 다친", estimating verb
    ("국정원은 쿠르스크 전투에서 북한군 약 2천 명이 숨지거나 다친 것으로 추산했다.",
     [W(CA, "KP", K, 2000, "casualties", "approx", NIS, E)]),
    # Iran, vague "수백 대"
    ("이란이 러시아에 샤헤드 드론 수백 대를 보냈다고 우크라이나 국방부가 밝혔다.",
     [W(AT, "IR", "RU", None, "drones", None, "Ukrainian Defence Ministry", C)]),
    ("이란 외무부는 러시아에 탄도미사일을 제공했다는 서방의 주장은 사실무근이라고 반박했다.",
     [W(AT, "IR", "RU", None, "missiles", None, "Iranian Foreign Ministry", D, neg=True)]),
    # recipient as subject, "이란에서", "200여 기"
    ("미 국무부는 러시아가 이란에서 파트-360 미사일 200여 기를 받았다고 밝혔다.",
     [W(AT, "IR", "RU", 200, "missiles", "approx", "U.S. State Department", C)]),
    ("북한이 러시아에 152㎜ 포탄 약 500만 발을 제공했다고 국방정보본부가 추산했다.",
     [W(AT, "KP", "RU", 5000000, "artillery shells", "approx", "Defense Intelligence Agency", E)]),
    # interval from "지난해 8월 이후" to publication
    ("정부 소식통은 북한이 지난해 8월 이후 러시아에 컨테이너 1만2천여 개를 보냈다고 전했다.",
     [W(AT, "KP", "RU", 12000, "containers", "approx", "government source", C, "2024-08/2025-06")]),
    ("북한은 러시아 극동 지역에 건설 노동자 1천500명을 보낼 계획이라고 일본 요미우리신문이 보도했다.",
     [W(LD, "KP", FE, 1500, "construction workers", "exact", "Yomiuri Shimbun", P)]),
    # KCNA register
    ("조선중앙통신은 조선인민군 부대들이 로씨야 꾸르스크지역에서 전투임무를 수행했다고 보도하였다.",
     [W(TD, "KP", K, None, "troops", None, "KCNA", C)]),
    ("김정은동지께서 로씨야련방 국방상 벨로우소프를 접견하시였다.",
     [W(MT, "Kim Jong Un", "Andrei Belousov")]),
    ("조로 두 나라 사이의 포괄적인 전략적동반자관계에 관한 조약이 발효되였다고 조선중앙통신이 전하였다.",
     [W(AG, "KP", "RU", attr="KCNA")]),
    ("우크라이나군 총사령관은 북한군 1만2천 명이 쿠르스크에 배치됐다고 말했다.",
     [W(TD, "KP", K, 12000, "troops", "exact", "Ukrainian commander-in-chief", C)]),
    # "에 따르면" with a descriptive source, "지난달"
    ("러시아 현지 매체에 따르면 북한 노동자 약 800명이 지난달 하바롭스크에 도착했다.",
     [W(LD, "KP", FE, 800, "workers", "approx", "local media", C, "2025-05")]),
    ("젤렌스키 대통령에 따르면 쿠르스크에는 현재 북한군 약 1만1천 명이 주둔하고 있다.",
     [W(TD, "KP", K, 11000, "troops", "approx", "Volodymyr Zelensky", OG)]),
    ("국정원은 러시아에 파병된 북한군 사상자가 최소 4천 명에 달한다고 국회 정보위원회에 보고했다.",
     [W(CA, "KP", "RU", 4000, "casualties", "at_least", NIS, C)]),
    ("러시아 정부는 북한군 파병설에 대해 '근거 없는 추측'이라고 일축했다.",
     [W(TD, "KP", "RU", None, "troops", None, "Russian government", D, neg=True)]),
    # impersonal estimate, "1만 명이 넘는"
    ("북한이 러시아로 보낸 노동자는 지난해에만 1만 명이 넘는 것으로 추산된다.",
     [W(LD, "KP", "RU", 10000, "workers", "at_least", "unspecified estimates", E, "2024")]),
    ("북한 국방성 대변인은 '우리 군대가 우크라이나에서 싸운다는 보도는 날조'라고 주장했다.",
     [W(TD, "KP", "UA", None, "troops", None, "DPRK Defence Ministry", D, neg=True)]),
    ("푸틴 대통령은 김정은 위원장과 17일 크렘린궁에서 정상회담을 가졌다.",
     [W(MT, "Vladimir Putin", "Kim Jong Un", date="2025-06-17")]),
    ("북한과 러시아는 지난 3월 두만강 자동차 다리 건설 협정을 체결했다.",
     [W(AG, "KP", "RU", date="2025-03")]),
    ("북한 특수부대원 약 1천500명이 러시아 해군 수송함을 타고 블라디보스토크 인근에 도착했다고 국정원이 밝혔다.",
     [W(TD, "KP", FE, 1500, "troops", "approx", NIS, C)]),
    ("러시아 국방부는 북한 공병 부대가 쿠르스크 지역의 지뢰 제거 작업을 시작했다고 밝혔다.",
     [W(LD, "KP", K, None, "sappers", None, "Russian Defence Ministry", C)]),
    ("북한 근로자 약 3천 명이 올해 초 러시아 건설 현장에 투입됐다고 대북 소식통이 전했다.",
     [W(LD, "KP", "RU", 3000, "workers", "approx", "source", C, "2025")]),
    # "1천500명 규모의"
    ("북한이 1천500명 규모의 공병 부대를 쿠르스크에 파견할 예정이라고 로이터통신이 전했다.",
     [W(LD, "KP", K, 1500, "sappers", "exact", "Reuters", P)]),
    ("러시아가 북한의 정찰위성 개발을 기술적으로 지원하고 있다고 국정원이 밝혔다.",
     [W("other", "RU", "KP", None, None, None, NIS, OG)]),
    ("러시아군이 북한제 122㎜ 방사포탄 수만 발을 전선에서 사용하고 있다고 우크라이나 정보총국이 밝혔다.",
     [W(AT, "KP", "RU", None, "artillery shells", None, "Ukrainian intelligence", OG)]),
    ("북한 노동자들이 러시아 연해주의 농장에서 일하고 있는 것으로 전해졌다.",
     [W(WP, "KP", FE, None, "workers", None, UNNAMED, E)]),
    # quoted claim, denial by the accused
    ("'북한이 러시아에 군대를 보냈다'는 주장에 대해 북한은 '사실무근'이라고 밝혔다.",
     [W(TD, "KP", "RU", None, "troops", None, "North Korea", D, neg=True)]),
    ("국방부는 북한이 최근 러시아에 1천여 명의 병력을 추가 파병한 정황을 포착했다고 밝혔다.",
     [W(TD, "KP", "RU", 1000, "troops", "approx", "South Korea's Defence Ministry", C)]),
    ("북한은 러시아에 병력 1만여 명을 보냈으며 이 가운데 약 300명이 전사했다고 국정원이 밝혔다.",
     [W(TD, "KP", "RU", 10000, "troops", "approx", NIS, C),
      W(CA, "KP", "RU", 300, "casualties", "approx", NIS, C)]),
    ("이란은 러시아 알라부가 공장에 드론 부품을 계속 공급하고 있다고 미국 정부가 밝혔다.",
     [W(AT, "IR", "RU/Alabuga", None, "drones", None, "U.S. government", OG)]),
    # negatives that look similar
    ("북한이 동해상으로 단거리 탄도미사일 수 발을 발사했다고 합참이 밝혔다.", []),
    ("노동신문은 김정은 위원장이 평안북도 농장을 현지지도했다고 보도했다.", []),
    ("퇴근길 러시아워에 서울 도심 교통이 크게 혼잡했다.", []),
    ("한국의 대러시아 수출이 지난해 25% 감소했다고 산업통상자원부가 밝혔다.", []),
    ("러시아 국방부는 우크라이나 드론 40여 대를 쿠르스크 상공에서 격추했다고 밝혔다.", []),
    ("우즈베키스탄 노동자 약 2천 명이 러시아 건설 현장에 새로 투입됐다.", []),
    ("북한 여자 축구대표팀이 러시아를 3-0으로 꺾었다.", []),
    ("한국 정부는 폴란드에 K9 자주포 150여 문을 수출하는 계약을 체결했다.", []),
    ("푸틴 대통령은 시진핑 중국 국가주석과 모스크바에서 정상회담을 했다.", []),
    ("북한은 올해 쌀 생산량이 지난해보다 10% 늘었다고 주장했다.", []),
    ("러시아 루블화 가치가 달러 대비 3% 하락했다.", []),
    ("북한 노동당은 다음 달 전원회의를 소집한다고 밝혔다.", []),
    ("북한이 러시아에 미사일을 보냈다는 보도에 대해 러시아 외무부는 확인도 부인도 하지 않았다.", []),
]

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))


def test_ko_generalisation_pass_rate(ml: dict[str, Any]) -> None:
    rate, failures = pass_rate(ml["ko"].extract_text, CASES)
    floor = FLOORS["ko_generalisation_pass_rate"]
    assert rate >= floor, f"ko generalisation {rate:.3f} < floor {floor}: {failures}"
