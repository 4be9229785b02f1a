//! Writes sample take-home PDFs — the patient's copy, the clinician's record and the pocket cards — in English,
//! Spanish, Arabic and Khmer from one filled-in worksheet, for the screenshots in `docs/screenshots/` and for
//! looking at by eye.
//!
//! Usage: `cargo run --example take_home_samples -- OUT_DIR`, then for example
//! `pdftoppm -r 60 -png -f 1 -l 1 OUT_DIR/patient-km.pdf docs/screenshots/take-home-patient-km`.

use std::collections::BTreeMap;

use harbor::content::Content;
use harbor::export::card::{CardOptions, HelpLine, card_pdf};
use harbor::export::patient::{PatientOptions, patient_pdf};
use harbor::export::{Labels, PlanDocument, render_pdf, save_pdf};
use harbor::vault::{NeedStatus, PlanValue};

/// What a clinician might have typed, in the interface language: numbers, appointment, steps.
fn entered(locale: &str) -> [&'static str; 5] {
    match locale {
        "es" => [
            "Rosa (hermana): 617-555-0142",
            "Martes 10:30, consultorio 4",
            "Guardar el pase de autobús y una copia del documento en un lugar seguro",
            "Tiene miedo de que el empleador se entere",
            "Clínica: 617-555-0100",
        ],
        "ar" => [
            "روزا (أختي): 617-555-0142",
            "الثلاثاء 10:30، الغرفة 4",
            "احتفظ ببطاقة الحافلة ونسخة من الهوية في مكان آمن",
            "يخاف أن يعرف صاحب العمل",
            "العيادة: 617-555-0100",
        ],
        "km" => [
            "រ៉ូសា (បងស្រី): 617-555-0142",
            "ថ្ងៃអង្គារ 10:30 បន្ទប់ 4",
            "ទុកសំបុត្រឡានក្រុង និងច្បាប់ចម្លងអត្តសញ្ញាណប័ណ្ណនៅកន្លែងសុវត្ថិភាព",
            "ខ្លាចនិយោជកដឹង",
            "គ្លីនិក: 617-555-0100",
        ],
        _ => [
            "Rosa (sister): 617-555-0142",
            "Tuesday 10:30, clinic room 4",
            "Keep the bus pass and a copy of the ID in a safe place",
            "Afraid employer will find out",
            "Clinic desk: 617-555-0100",
        ],
    }
}

fn worksheet(locale: &str) -> BTreeMap<String, PlanValue> {
    let [numbers, follow_up, staying, appraisal, referrals] = entered(locale);
    let text = |t: &str| PlanValue::Text(t.to_owned());
    BTreeMap::from([
        ("sp.risk.fear".to_owned(), PlanValue::Scale(8)),
        ("sp.risk.appraisal".to_owned(), text(appraisal)),
        (
            "sp.escalation.threats-assaults".to_owned(),
            PlanValue::Check(true),
        ),
        ("sp.plan.staying".to_owned(), text(staying)),
        (
            "sp.needs.housing".to_owned(),
            PlanValue::Need {
                status: NeedStatus::InProgress,
                notes: String::new(),
            },
        ),
        ("sp.closing.numbers".to_owned(), text(numbers)),
        ("sp.closing.referrals".to_owned(), text(referrals)),
        ("sp.closing.follow-up".to_owned(), text(follow_up)),
    ])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: take_home_samples OUT_DIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let line = HelpLine::from_content(&Content::builtin("en").map_err(|_| "content")?)
        .ok_or("no hotline in the built-in content")?;
    for locale in ["en", "es", "ar", "km"] {
        let content = Content::builtin(locale).map_err(|_| "content")?;
        let values = worksheet(locale);
        let labels = Labels::for_locale(locale, false, "2026-12-05 14:20".to_owned());
        let clinician = render_pdf(&PlanDocument::from_plan(
            &content.safety_plan,
            &values,
            &labels,
        ))?;
        save_pdf(&out.join(format!("clinician-{locale}.pdf")), &clinician)?;
        let options = PatientOptions {
            locale: locale.to_owned(),
            english_beside: locale == "es",
            steps: true,
            ..PatientOptions::default()
        };
        let patient = patient_pdf(&values, &options, Some(&line), locale)?;
        save_pdf(&out.join(format!("patient-{locale}.pdf")), &patient)?;
        let card = CardOptions {
            locale: locale.to_owned(),
            discreet: locale == "ar",
            name: String::new(),
        };
        save_pdf(
            &out.join(format!("card-{locale}.pdf")),
            &card_pdf(&card, &line)?,
        )?;
    }
    Ok(())
}
