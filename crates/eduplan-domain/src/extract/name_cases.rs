//! How targets are named, case by case: one sentence (or a few) per rule of `names`.

use super::test_support::{found_in, pairs};

#[test]
fn building_verbs_written_together_stay_one_verb() {
    assert_eq!(
        found_in(&["到2025年，全市新建改扩建幼儿园30所。"]),
        pairs(&[("新建改扩建幼儿园", 30.0)])
    );
    assert_eq!(
        found_in(&["2020年为民办实事新、改扩建公办幼儿园20所。"]),
        pairs(&[("新、改扩建公办幼儿园", 20.0)])
    );
}

#[test]
fn a_verb_modifying_a_noun_is_part_of_the_name() {
    assert_eq!(
        found_in(&["2020年计划新建幼儿园20所，规划建设面积约6万平方米，规划总投资约4.4亿元。"]),
        pairs(&[
            ("新建幼儿园", 20.0),
            ("规划建设面积", 6.0),
            ("规划总投资", 4.4)
        ])
    );
    assert_eq!(
        found_in(&["到2025年全县计划投入中小学校舍建设资金25.92亿元，新（迁）建学校12所。"]),
        pairs(&[("投入中小学校舍建设资金", 25.92), ("新（迁）建学校", 12.0)])
    );
}

#[test]
fn a_share_is_named_by_what_its_members_do() {
    assert_eq!(
        found_in(&["2023年，将推进县域10%的义务教育学校纳入教联体建设。"]),
        pairs(&[("纳入教联体建设的义务教育学校", 10.0)])
    );
    assert_eq!(
        found_in(&["到2025年，全市85%左右县（市、区）创建成国家学前教育普及普惠县（市、区）。"]),
        pairs(&[("创建成国家学前教育普及普惠县（市、区）的县（市、区）", 85.0)])
    );
}

#[test]
fn a_fraction_in_words_is_a_share() {
    assert_eq!(
        found_in(&["到2025年，力争全市三分之二以上的乡镇中等文化技术学校有独立的办学场所。"]),
        pairs(&[("有独立的办学场所的乡镇中等文化技术学校", 66.67)])
    );
}

#[test]
fn tuijin_names_a_count_only_when_nothing_after_says_what_is_done() {
    assert_eq!(
        found_in(&["2024年，将继续推进15个续建项目，推进2所公办幼儿园的新建工程。"]),
        pairs(&[("推进续建项目", 15.0), ("新建公办幼儿园", 2.0)])
    );
}

#[test]
fn each_item_of_a_list_keeps_its_own_verb_and_a_later_item_takes_all_listed_verbs() {
    assert_eq!(
        found_in(&["2025年，计划撤并学校11所、续建学校26所、新建学校3所、竣工学校14所。"]),
        pairs(&[
            ("撤并学校", 11.0),
            ("续建学校", 26.0),
            ("新建学校", 3.0),
            ("竣工学校", 14.0)
        ])
    );
    assert_eq!(
        found_in(&["“十四五”期间规划新建、迁建、改扩建公办幼儿园10所，中小学校16所。"]),
        pairs(&[
            ("新建、迁建、改扩建公办幼儿园", 10.0),
            ("新建、迁建、改扩建中小学校", 16.0)
        ])
    );
}

#[test]
fn setting_up_enlarging_and_funding_are_what_a_count_counts() {
    assert_eq!(
        found_in(&[
            "2026年，扩充优质普通高中公办学位8万个，安排资金8亿元；每所新建公办园设置2个托育班。"
        ]),
        pairs(&[
            ("扩充优质普通高中公办学位", 8.0),
            ("安排资金", 8.0),
            ("设置托育班", 2.0)
        ])
    );
}

#[test]
fn an_adverb_before_what_a_share_does_is_part_of_it() {
    assert_eq!(
        found_in(&["到2020年，85%的幼儿园基本达到省定幼儿园办园标准。"]),
        pairs(&[("基本达到省定幼儿园办园标准的幼儿园", 85.0)])
    );
}

#[test]
fn the_place_a_plan_is_for_and_a_mere_push_are_not_in_a_rate_name() {
    assert_eq!(
        found_in(&[
            "到2025年，济宁市学前教育毛入学率将达到99%以上，推动学前教育公办率达到75%，东部城市学前三年入园率达到98%。"
        ]),
        pairs(&[
            ("学前教育毛入学率", 99.0),
            ("学前教育公办率", 75.0),
            ("东部城市学前三年入园率", 98.0)
        ])
    );
}

#[test]
fn parts_of_a_total_counted_in_ten_thousands_are_its_parts() {
    assert_eq!(
        found_in(&["2022年，将新增3.2万个学位，其中赤坎区3505个、霞山区3705个。"]),
        pairs(&[
            ("新增学位", 3.2),
            ("新增学位（赤坎区）", 3505.0),
            ("新增学位（霞山区）", 3705.0)
        ])
    );
}

#[test]
fn what_a_count_counts_is_named_by_its_own_words() {
    assert_eq!(
        found_in(&[
            "2025年计划：开展学生视力筛查4000人，惠及学生3万人，推进18个社区“宝宝屋”扩优提质，建成保障性租赁住房352套。"
        ]),
        pairs(&[
            ("学生视力筛查", 4000.0),
            ("惠及学生", 3.0),
            ("推进社区“宝宝屋”扩优提质", 18.0),
            ("建成保障性租赁住房", 352.0)
        ])
    );
    assert_eq!(
        found_in(&["2025年计划：提升12所中小学、幼儿园基础设施，改造42个老旧小区......还有更多。"]),
        pairs(&[("中小学、幼儿园基础设施", 12.0), ("改造老旧小区", 42.0)])
    );
}

#[test]
fn a_count_named_by_its_verb_alone_and_a_project_by_what_follows_its_title() {
    assert_eq!(
        found_in(&["2021年计划：改扩建5所、配建3所，培训2000名应急救护普及员。"]),
        pairs(&[
            ("改扩建", 5.0),
            ("配建", 3.0),
            ("培训应急救护普及员", 2000.0)
        ])
    );
    assert_eq!(
        found_in(&[
            "2022年计划：“新增城镇公办中小学学位3.2万个”项目总投资6.9亿元，推进实验小学二期工程，新建幼儿园3所。"
        ]),
        pairs(&[("项目总投资", 6.9), ("新建幼儿园", 3.0)])
    );
}

#[test]
fn time_words_and_what_is_still_to_come_are_not_in_a_name() {
    assert_eq!(
        found_in(&[
            "今年我市涉及教育补短板项目超过110个，将提供约2万个学位，还有20个幼儿园项目陆续开建。",
            "此外，今年计划开工的教育项目还有79个。",
        ]),
        pairs(&[
            ("教育补短板项目", 110.0),
            ("提供学位", 2.0),
            ("开建幼儿园项目", 20.0),
            ("开工的教育项目", 79.0)
        ])
    );
}

#[test]
fn a_verb_before_a_size_is_still_the_verb() {
    assert_eq!(
        found_in(&["2025年计划：撤并规模过小教学点3个，重组乡镇初中2所。"]),
        pairs(&[("撤并规模过小教学点", 3.0), ("重组乡镇初中", 2.0)])
    );
}

#[test]
fn a_share_set_for_two_years_and_named_as_the_task_it_is() {
    assert_eq!(
        found_in(&["落实公办园在园儿童占比2019年底达到30%、2020年底达到50%的任务。"]),
        pairs(&[("公办园在园儿童占比", 30.0), ("公办园在园儿童占比", 50.0)])
    );
}

#[test]
fn bullets_start_items_and_items_count_in_their_own_units() {
    assert_eq!(
        found_in(&[
            "2025年计划：*新建改建1个市民球场、*1条市民健身步道，*实施民生实事18件，每校至少开设10门课后服务特色课程。"
        ]),
        pairs(&[
            ("新建改建市民球场", 1.0),
            ("新建改建市民健身步道", 1.0),
            ("实施民生实事", 18.0),
            ("开设课后服务特色课程", 10.0)
        ])
    );
}

#[test]
fn what_is_done_where_and_to_what_names_a_count() {
    assert_eq!(
        found_in(&[
            "2022年计划：完成18所学校的旱厕改造；新建塑胶运动场5块，面积约2.6万平方米；每年选派100名城区骨干教师到农村学校支教。"
        ]),
        pairs(&[
            ("旱厕改造", 18.0),
            ("新建塑胶运动场", 5.0),
            ("新建塑胶运动场面积", 2.6),
            ("选派城区骨干教师到农村学校支教", 100.0)
        ])
    );
}

#[test]
fn bracketed_parts_and_a_list_going_on_after_its_verb() {
    assert_eq!(
        found_in(&[
            "2012年计划：新建幼儿园6所(其中公办4所,民办2所)，改扩建幼儿园3所。",
            "2012年计划：每个乡镇都要建设1所合格的乡镇成人文化技术学校，全区创建4所区级示范学校，2所市级示范学校。",
        ]),
        pairs(&[
            ("新建幼儿园", 6.0),
            ("新建幼儿园（公办）", 4.0),
            ("新建幼儿园（民办）", 2.0),
            ("改扩建幼儿园", 3.0),
            ("建设合格的乡镇成人文化技术学校", 1.0),
            ("创建区级示范学校", 4.0),
            ("创建市级示范学校", 2.0)
        ])
    );
}

#[test]
fn a_change_names_its_target_not_where_it_starts_from() {
    assert_eq!(
        found_in(&["到2016年，力争公办幼儿园所占比例由目前12%提高到30%。"]),
        pairs(&[("公办幼儿园所占比例", 30.0)])
    );
}

#[test]
fn parts_by_verb_frames_and_more_than_so_many() {
    assert_eq!(
        found_in(&[
            "到2020年，新建、改扩建幼儿园275所，其中新建88所，改扩建187所。",
            "2012年，计划新建或改建学校食堂22个，建筑面积5000多平方米。",
            "2012年计划：在计划建设的67万平方米生活用房中，学生宿舍50.8万平方米，学生食堂12.7万平方米。",
        ]),
        pairs(&[
            ("新建、改扩建幼儿园", 275.0),
            ("新建、改扩建幼儿园（新建）", 88.0),
            ("新建、改扩建幼儿园（改扩建）", 187.0),
            ("新建或改建学校食堂", 22.0),
            ("新建或改建学校食堂建筑面积", 5000.0),
            ("学生宿舍", 50.8),
            ("学生食堂", 12.7)
        ])
    );
}

#[test]
fn places_under_qizhong_ba_and_the_base_of_a_change() {
    assert_eq!(
        found_in(&[
            "2023年全州将新建6所公办幼儿园，其中延吉4所、珲春1所。",
            "“十四五”末力争把劳动年龄人口平均受教育年限提高到11.3年。",
            "到2025年，实现辖区内儿童青少年总体近视率在基线数据基础上每年降低0.5个百分点以上。",
            "2023年计划：开展“县中崛起”结对帮扶，结对学校58所。",
        ]),
        pairs(&[
            ("新建公办幼儿园", 6.0),
            ("新建公办幼儿园（延吉）", 4.0),
            ("新建公办幼儿园（珲春）", 1.0),
            ("劳动年龄人口平均受教育年限", 11.3),
            ("儿童青少年总体近视率", -0.5),
            ("结对学校", 58.0)
        ])
    );
}

#[test]
fn a_count_given_once_for_two_stages_is_their_total() {
    assert_eq!(
        found_in(&[
            "到2016年，普通高中和中等职业教育在校生规模达到200万人，新建公办幼儿园2所，小区配建公办幼儿园1所。"
        ]),
        pairs(&[
            ("普通高中和中等职业教育在校生规模", 200.0),
            ("新建公办幼儿园", 2.0),
            ("小区配建公办幼儿园", 1.0)
        ])
    );
}

#[test]
fn shares_named_by_their_head_noun_or_the_subject_before_them() {
    assert_eq!(
        found_in(&[
            "到2025年，镇（街道）中心幼儿园100%达到省示范幼儿园标准，70%的乡镇以下学校10M以上宽带接入，少数民族义务教育的巩固率和毕业率均达到85%。"
        ]),
        pairs(&[
            ("达到省示范幼儿园标准的镇（街道）中心幼儿园", 100.0),
            ("10M以上宽带接入的乡镇以下学校", 70.0),
            ("少数民族义务教育的巩固率", 85.0),
            ("少数民族义务教育的毕业率", 85.0)
        ])
    );
}

#[test]
fn manners_joined_objects_and_striving_to_found() {
    assert_eq!(
        found_in(&[
            "到2020年，标准化改造提升公办幼儿园15所，新改扩建1200所学校和幼儿园，力争创办1所高水平大学。"
        ]),
        pairs(&[
            ("标准化改造提升公办幼儿园", 15.0),
            ("新改扩建学校和幼儿园", 1200.0),
            ("创办高水平大学", 1.0)
        ])
    );
}

#[cfg(test)]
mod more_cases {
    use super::super::test_support::found_in;

    #[test]
    fn a_count_of_schools_is_named_by_what_they_achieve() {
        assert_eq!(
            found_in(&[
                "到2007年，全县学校后勤社会化引资达到1400万元，20所学校实现寄宿制、封闭式管理。"
            ])
            .last(),
            Some(&("实现寄宿制、封闭式管理的学校".to_owned(), 20.0))
        );
        assert_eq!(
            found_in(&["到2025年，支持100所小学在主要项目上达到新颁办学标准。"]),
            [("在主要项目上达到新颁办学标准的小学".to_owned(), 100.0)]
        );
        assert_eq!(
            found_in(&["到2007年，初中2所、小学6所达到省定一类标准。"]),
            [
                ("达到省定一类标准的初中".to_owned(), 2.0),
                ("达到省定一类标准的小学".to_owned(), 6.0)
            ]
        );
        assert_eq!(
            found_in(&["到2025年，新建幼儿园20所，改扩建12所学校。"]),
            [
                ("新建幼儿园".to_owned(), 20.0),
                ("改扩建学校".to_owned(), 12.0)
            ]
        );
    }
    #[test]
    fn an_examples_year_a_changes_from_and_a_limits_verb_are_not_in_the_name() {
        assert_eq!(
            found_in(&[
                "“十二五”主要目标：如2015年学前三年毛入园率从60%提高到70%，高中阶段毛入学率从63%提高到70%。"
            ]),
            [
                ("学前三年毛入园率".to_owned(), 70.0),
                ("高中阶段毛入学率".to_owned(), 70.0)
            ]
        );
        assert_eq!(
            found_in(&["到2018年，逐步做到小学班额不超过45人。"]),
            [("小学班额".to_owned(), 45.0)]
        );
    }
    #[test]
    fn a_headline_repeating_the_bodys_count_is_one_target() {
        assert_eq!(
            found_in(&[
                "今年全区将新建两所中小学",
                "2023年，全区将建成第三初中、第六小学两所学校，新增学位3000个。",
            ]),
            [
                ("建成学校".to_owned(), 2.0),
                ("新增学位".to_owned(), 3000.0)
            ]
        );
    }
    #[test]
    fn a_cited_documents_title_and_number_and_a_total_word_are_not_in_the_name() {
        let got = found_in(&[
            "根据《省财政厅关于下达2023年支持学前教育发展资金预算的通知》鄂教财发[2023]49号下达支持学前教育发展补助资金191万元，安排校舍建设类项目3个，建筑面积共计6674平方米。",
        ]);
        assert_eq!(got[0], ("支持学前教育发展补助资金".to_owned(), 191.0));
        assert!(
            got.iter()
                .any(|(n, v)| n.ends_with("建筑面积") && *v == 6674.0),
            "{got:?}"
        );
    }
    #[test]
    fn a_projects_title_with_a_verb_inside_is_the_whole_name() {
        let got = found_in(&[
            "2014年计划申报项目，其中：1.边远艰苦地区农村学校教师周转宿舍建设专项22项；2.农村学前教育推进工程5个。",
        ]);
        assert_eq!(
            got,
            [
                ("边远艰苦地区农村学校教师周转宿舍建设专项".to_owned(), 22.0),
                ("农村学前教育推进工程".to_owned(), 5.0)
            ]
        );
    }
    #[test]
    fn a_planned_sum_named_by_its_verb_keeps_its_plan_and_a_namings_ji_goes() {
        assert_eq!(
            found_in(&["年内计划投入4223万元，确保项目秋季学期投入使用。"]),
            [("计划投入".to_owned(), 4223.0)]
        );
        assert_eq!(
            found_in(&["到2020年，全面普及15年基本教育，即学前三年毛入学率达到85%。"]),
            [("学前三年毛入学率".to_owned(), 85.0)]
        );
    }
    #[test]
    fn what_dui_takes_is_counted_without_the_verb_before_it() {
        let got = found_in(&[
            "2020年投入资金680万元对8所农村小学、5所初中运动场地进行改造提升建设，对151名专兼职培训者进行培训。",
        ]);
        assert_eq!(
            got,
            [
                ("投入资金".to_owned(), 680.0),
                ("农村小学".to_owned(), 8.0),
                ("初中运动场地".to_owned(), 5.0),
                ("培训专兼职培训者".to_owned(), 151.0)
            ]
        );
    }
    #[test]
    fn a_phase_in_words_is_part_of_a_name_not_a_count() {
        let got = found_in(&[
            "2020年，大力实施学前教育三期行动计划新建、改扩建幼儿园项目，举办园长培训班3期。",
        ]);
        assert_eq!(got, [("培训班".to_owned(), 3.0)]);
    }
    #[test]
    fn an_area_after_another_clause_is_named_by_what_it_measures_alone() {
        let got = found_in(&[
            "到2025年，建设保育用房3050平方米，塑胶软化运动场地2800平方米，增加幼儿学位230个。",
        ]);
        assert_eq!(
            got,
            [
                ("建设保育用房".to_owned(), 3050.0),
                ("塑胶软化运动场地".to_owned(), 2800.0),
                ("增加幼儿学位".to_owned(), 230.0)
            ]
        );
    }
    #[test]
    fn parts_of_a_frame_without_zai_are_named_by_themselves() {
        assert_eq!(
            found_in(&[
                "今年我市将推进项目建设，到2025年，我市确定的新建续建项目中，直属学校项目4个、新城区项目13个。"
            ]),
            [
                ("直属学校项目".to_owned(), 4.0),
                ("新城区项目".to_owned(), 13.0)
            ]
        );
    }
    #[test]
    fn a_stage_after_schools_of_all_stages_takes_their_verb() {
        assert_eq!(
            found_in(&["到2022年，全市新建续建中小学33所、幼儿园19所。"]),
            [
                ("新建续建中小学".to_owned(), 33.0),
                ("新建续建幼儿园".to_owned(), 19.0)
            ]
        );
    }
    #[test]
    fn those_served_are_counted_by_what_they_are_given() {
        let got = found_in(&[
            "2025年民生实事：为不少于2.5万名退休和生活困难妇女提供免费妇科病和乳腺病检查。",
        ]);
        assert_eq!(got, [("免费妇科病和乳腺病检查".to_owned(), 2.5)]);
    }
    #[test]
    fn a_count_for_listed_stages_is_their_total_unless_each_stands_by_it() {
        assert_eq!(
            found_in(&[
                "2015年将推动各地开展教师信息技术应用能力培训，培训中小学、幼儿园教师260万人。"
            ]),
            [("培训中小学、幼儿园教师".to_owned(), 260.0)]
        );
    }
    #[test]
    fn a_modal_verb_and_a_borrowed_verb_stay_out_of_names() {
        assert_eq!(
            found_in(&["到2012年，全市40个区县要实现高水平、高质量普及九年义务教育。"]),
            [("实现高水平、高质量普及九年义务教育的区县".to_owned(), 40.0)]
        );
        assert_eq!(
            found_in(&[
                "到2025年，总投入约2050万元，其中，争取上级资金820万元，县财政配套860万元。"
            ]),
            [
                ("总投入".to_owned(), 2050.0),
                ("争取上级资金".to_owned(), 820.0),
                ("县财政配套".to_owned(), 860.0)
            ]
        );
    }
    #[test]
    fn schools_a_scope_puts_after_dui_are_counted_by_what_is_done_to_them() {
        let got = found_in(&["到2025年，该工程规划分三年对全县35所学校运动场进行塑化。"]);
        assert_eq!(got, [("塑化学校运动场".to_owned(), 35.0)]);
    }
}
