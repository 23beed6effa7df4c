"""Phrase tables of the neurology letters: people, systems (EPR headers, footers, disclaimers), section names,
examination, bloods, social history, medication lists, follow-up.

Medication lists name conditions: a drug for a coded comorbidity (`COMORBID_DRUGS`) names what the PMH codes; a
drug in `OTHER_DRUGS` names a condition that is not this episode's diagnosis and not on the national comorbidity
list, so it is not coded (its code, where it has one, is a distractor a careless coder might add).
"""

from __future__ import annotations

DOCTORS = ("Dr G Rhys", "Dr S Malik", "Dr J Parry", "Dr A Bennett", "Dr L Chen", "Dr O Adeyemi", "Dr W Powell",
           "Dr R Singh", "Dr E Vaughan", "Dr M O'Neill", "Dr K Okafor", "Dr H Lindqvist", "Prof D Marsh",
           "Dr F Ahmed", "Dr C Doyle")
GRADES = ("Consultant Neurologist", "Neurology SpR", "Specialty Doctor", "FY2", "MS Nurse Specialist",
          "Neurology CT2", "Stroke Consultant", "Acute Medicine Registrar", "ST4 Neurology", "Clinical Fellow",
          "Epilepsy Nurse Specialist", "ANP")
GPS = ("Dr Hughes", "Dr Ellis", "Dr Jenkins", "Dr Shah", "Dr Morris", "The Partners", "Dr Patel", "Dr Williams",
       "Colleague", "Dr Thomas and Partners")
TRUSTS = ("Northgate University Hospitals NHS Trust", "Severnvale Teaching Hospitals NHS Foundation Trust",
          "St Aldric's Hospital", "Castlebridge NHS Foundation Trust", "Royal Wexham Infirmary",
          "Mid-Counties Hospitals NHS Trust")
WARDS = ("Ward 4B (Neurology)", "Neurology Day Unit", "Acute Stroke Unit", "AMU", "SDEC", "Neurosciences Ward 21",
         "Ward 7 (Acute Medicine)", "Short Stay Unit")
HEADERS = ("ELECTRONIC DISCHARGE NOTIFICATION\n{trust}\nWard: {ward}    Admission type: {admission}",
           "{trust} - Inpatient Discharge Summary\nSpecialty: Neurology    Ward: {ward}",
           "DISCHARGE LETTER  (EPR generated)\nPatient: ********  NHS No: *** *** ****  Ward: {ward}",
           "{trust}\nDepartment of Neurology\nDISCHARGE SUMMARY - {admission}",
           "** TTO / DISCHARGE ADVICE **  {ward}", "Discharge Summary\n{trust}\nLocation: {ward}")
FOOTERS = ("This document was generated electronically and is valid without a signature.",
           "CONFIDENTIAL: this letter contains patient identifiable information. If you have received it in error "
           "please notify the sender and destroy it.", "Copy to: patient; GP; referring consultant.",
           "Page 1 of 2", "If you have any queries please contact the ward (ext 4521).",
           "Medicines reconciliation completed by ward pharmacist.",
           "Please do not reply to this address - this mailbox is not monitored.", "cc: Epilepsy nurses",
           "Dictated but not checked.", "Printed copy given to patient.")
ADMISSION = {True: ("Emergency", "Emergency admission via ED", "Non-elective", "Via GP - acute"),
             False: ("Elective day case", "Day case", "Elective", "Planned admission")}
SECTION = {
    "diagnosis": ("Diagnosis", "Primary diagnosis", "Discharge diagnosis", "Final diagnosis", "Dx",
                  "Diagnosis this admission", "Principal diagnosis", "DIAGNOSIS"),
    "comorbid": ("Co-morbidities", "Secondary diagnoses", "Other active problems", "Comorbidities"),
    "procedure": ("Procedure", "Procedures", "Procedures performed", "Interventions", "Operations/procedures"),
    "presenting": ("Presenting complaint", "PC", "Reason for admission", "Presentation", "HPC"),
    "pmh": ("PMH", "Past medical history", "Background", "PMHx", "Past history"),
    "dh": ("DH", "Drug history", "Medications on admission", "Regular medications", "Meds"),
    "sh": ("SH", "Social history", "Social"),
    "exam": ("Examination", "O/E", "On examination", "Exam"),
    "investigations": ("Investigations", "Results", "Ix", "Key results", "Investigations this admission"),
    "progress": ("Progress", "Clinical summary", "Hospital course", "Summary of admission", "Course"),
    "plan": ("Plan", "Management plan", "Follow-up arrangements", "Recommendations"),
    "tto": ("Discharge medication", "TTO", "Medications on discharge", "TTAs"),
    "gp": ("GP actions", "Actions for GP", "Requests to GP", "Information for GP"),
}
EXAMINATION = ("Cranial nerves intact, fundi normal. Tone, power and reflexes normal; plantars flexor.",
               "Alert and orientated. No pronator drift. Gait steady. Sensation intact to pinprick and vibration.",
               "Visual acuity 6/6 both eyes. No RAPD. Eye movements full.",
               "Examination unchanged from clinic. Obs: BP 128/76, HR 72, afebrile.",
               "Neurological examination essentially normal apart from reduced vibration sense at the toes.",
               "GCS 15. CNs II-XII NAD. PERLA. No meningism. Power 5/5 throughout.",
               "Neuro exam: NAD. Heart sounds normal, chest clear.", "GCS 15/15, no focal neuro deficit, NIHSS 0.",
               "Mild left pronator drift, reflexes brisker on the left, plantars equivocal.",
               "No nystagmus, finger-nose normal, Romberg negative.")
BLOODS = ("FBC, U&E, LFT and CRP normal.", "Bloods unremarkable; glucose 5.4.", "Hb 131, WCC 6.2, CRP <5.",
          "Pre-procedure bloods satisfactory, clotting normal.", "U&E normal, eGFR >90.",
          "Bloods: NAD. CK normal. Lactate 1.1.", "Routine bloods normal, HbA1c 39, lipids pending.",
          "FBC/U&E/LFT/bone profile - all WNL.")
# social history by age band; a current smoker is coded F17.1 (UK standard: tobacco use recorded when documented)
SOCIAL = {"young": ("Student. Lives with parents. No alcohol.", "Works part time, lives with friends. Vapes.",
                    "Student, smokes 5/day.", "Lives with partner. Non-smoker.", "Apprentice, non-smoker.",
                    "Student. Never smoked.", "Works in a call centre. Occasional cannabis, no tobacco."),
          "adult": ("Lives with partner, works as a teacher. Non-smoker, alcohol 6 units/week.",
                    "Lives alone, independent. Ex-smoker. Drives - DVLA advice given.",
                    "Works in retail, two children. Never smoked. Occasional alcohol.",
                    "Office worker, lives with family. Non-smoker.", "Works as a builder. Smokes 15/day.",
                    "Nurse, lives with husband. Non-smoker.", "Unemployed, lives alone. Ex-smoker, no alcohol.",
                    "Self-employed, married. Never smoked.", "HGV driver, lives with wife. Smokes 20/day.",
                    "Lives with wife. ETOH 30 units/week. Non-smoker."),
          "older": ("Retired, lives with spouse. Smokes 10/day, advised to stop.",
                    "Retired, independent with ADLs. Ex-smoker.", "Retired teacher, lives alone. Never smoked.",
                    "Lives with wife, carers once daily. Non-smoker.", "Retired, lives with daughter. Ex-smoker.",
                    "Independent, drives. Never smoked.", "Lives in a care home, mobile with a frame. Non-smoker.")}
ADVICE = ("Written information given and questions answered.", "Advised to return if new symptoms, fever or severe "
          "headache.", "Contact the day unit with any concerns.", "Leaflet provided; patient happy with the plan.",
          "Safety net advice given to patient and family.", "Driving advice given as per DVLA guidance.")
# drugs that name a coded comorbidity
COMORBID_DRUGS = {"I10": ("amlodipine 5mg od", "ramipril 5mg od", "losartan 50mg od (BP)"),
                  "E11.9": ("metformin 500mg bd", "gliclazide 40mg od (diabetes)"),
                  "J45.9": ("salbutamol inhaler prn", "Clenil 100mcg 2 puffs bd"),
                  "F32.9": ("sertraline 50mg od", "citalopram 20mg od (mood)"), "F41.1": ("sertraline 100mg od",),
                  "E03.9": ("levothyroxine 75mcg od",), "I48.9": ("apixaban 5mg bd", "bisoprolol 2.5mg od (AF)"),
                  "E78.0": ("atorvastatin 20mg on",)}
# drugs that name a condition that is not coded here: (mention, the code it tempts or "")
OTHER_DRUGS = (("omeprazole 20mg od (reflux)", "K21.9"), ("propranolol 40mg bd (migraine prophylaxis)", "G43.9"),
               ("amitriptyline 10mg on (for sleep)", ""), ("cetirizine 10mg od (hay fever)", "J30.1"),
               ("sumatriptan 50mg prn (migraine)", "G43.9"), ("naproxen 500mg bd prn (back pain)", ""),
               ("tamsulosin 400mcg od (prostate)", "N40"), ("Microgynon (contraception)", ""),
               ("vitamin D 800 units od", ""), ("mirtazapine 15mg on (sleep)", ""),
               ("pregabalin 75mg bd (neuropathic pain)", ""), ("Adcal-D3 one bd", ""), ("paracetamol prn", ""),
               ("folic acid 5mg od", ""), ("topiramate 50mg bd", ""), ("baclofen 10mg tds", ""),
               ("gabapentin 300mg tds", ""), ("senna 15mg on", ""), ("aspirin 75mg od", ""),
               ("levetiracetam 500mg bd", ""), ("lamotrigine 100mg bd", ""))
TTO = ("no changes to regular medication.", "as admission; no new medicines.", "paracetamol 1g qds prn for 48 hours.",
       "unchanged.", "see EPMA - no changes.", "new: see plan. Otherwise as DH.", "nil new.")
GP_ACTIONS = ("none.", "please check U&E in 2 weeks.", "please continue current prescriptions.",
              "please review blood pressure.", "no action needed; hospital will arrange follow up.",
              "please repeat Na in 1 week.", "nil.", "please add new medicines to the repeat list.")
HISTORY = ("Symptoms for about {m} months.", "Seen in clinic {m} weeks ago and listed for the day unit.",
           "No red flag features on direct questioning.", "Symptoms stable since the last attendance.",
           "Collateral history from partner obtained.", "Known to our service for {m} years.",
           "Onset {m} hours before arrival.", "Witness account from a colleague.")
FOLLOW_UP = ("Clinic follow up in 3 months.", "We will write with results.", "GP to continue usual care.",
             "No GP action required.", "Safety-netting advice given.", "Open access to the day unit if needed.",
             "Neurology OPD 6-8 weeks.", "Discharged from neurology follow up.", "Telephone clinic in 4 weeks.")
ACUTE_COURSE = ("Admitted via ED under the acute neurology team.", "Seen by the on-call neurology registrar in ED.",
                "Stroke call on arrival; thrombolysis not indicated.", "Reviewed on the post-take ward round.",
                "Managed on the AMU and reviewed by neurology in-reach.", "Observed overnight with neuro obs.")
# how letters name a diagnosis an episode ruled out (the outcome's `refuted` codes)
REFUTED_NAMES = {"G40.9": ("epilepsy",), "G35": ("MS", "multiple sclerosis"), "G93.2": ("IIH",),
                 "I60.9": ("SAH", "subarachnoid haemorrhage"), "G30.1": ("Alzheimer's disease",),
                 "G91.2": ("NPH",), "I63.9": ("stroke", "acute infarct"), "G45.9": ("TIA",),
                 "I67.6": ("venous sinus thrombosis", "CVST"), "M31.6": ("GCA", "giant cell arteritis"),
                 "G41.9": ("status epilepticus",), "G83.4": ("cauda equina syndrome", "CES"),
                 "G95.2": ("cord compression",), "G61.0": ("GBS", "Guillain-Barre syndrome"),
                 "G70.0": ("myasthenia",), "G03.9": ("meningitis",), "G20": ("Parkinson's disease", "PD"),
                 "F03": ("dementia",), "G47.4": ("narcolepsy",),
                 "G45.3": ("amaurosis fugax",), "G45.0": ("posterior circulation TIA", "vertebrobasilar TIA"),
                 "G36.0": ("NMOSD", "neuromyelitis optica"), "E53.8": ("B12 deficiency", "vitamin B12 deficiency"),
                 "I72.0": ("arterial dissection", "carotid or vertebral dissection"),
                 "I67.1": ("aneurysm", "posterior communicating artery aneurysm"),
                 "G72.4": ("myositis", "inflammatory myopathy")}
PROGRESS = {"A55.9": ("Post LP observations stable, mild positional headache settled with fluids and simple "
                      "analgesia.", "Tolerated the LP well; lay flat for an hour and was discharged."),
            "A54.8": ("Headache improved after CSF drainage.", "Symptoms eased post procedure."),
            "X29.2": ("Infusion given without reaction.", "Tolerated the infusion well; observations stable."),
            "X37.5": ("Injections given under EMG guidance, no immediate side effects.",
                      "Injected per previous pattern. Tolerated well."),
            "A84.1": ("Recording obtained with hyperventilation and photic stimulation.",),
            "U22.1": ("Medication reduced to capture events; restarted before discharge.",),
            "A84.3": ("Studies completed without complication.",),
            "A73.5": ("Injected under aseptic technique, immediate relief reported.",),
            "X32.3": ("Plasma exchange via temporary line, no complications.",),
            "A52.3": ("Blood patch performed by the on-call anaesthetist; headache settled within hours.",),
            "U33.1": ("Overnight study completed; MSLT the following day.",),
            "T81.1": ("Biopsy taken without complication; wound dry, mobilising.", "Tolerated the muscle biopsy "
                      "well; discharged the same day.")}
DETAIL = {"A55.9": ("Consent obtained. LP at L3/4, 22G atraumatic needle, clear CSF, first attempt.",
                    "Aseptic technique, LA to skin; L4/5 space, CSF clear and colourless."),
          "A54.8": ("LP at L3/4 under aseptic technique; CSF drained slowly to a closing pressure of 15cmH2O.",),
          "X29.2": ("Cannula sited, infusion over the prescribed rate with hourly observations.",
                    "Pre-medication given (paracetamol, chlorphenamine); infusion completed without reaction."),
          "X37.5": ("EMG-guided injections to the affected muscles per previous map.",
                    "Injection sites: as per chart; no bruising."),
          "A84.1": ("Standard 10-20 montage, 30 minutes with HV and photic.",),
          "U22.1": ("Continuous video EEG with medication reduction, seizure precautions in place.",),
          "A84.3": ("Median, ulnar, sural and peroneal nerves studied; EMG of selected muscles.",),
          "A73.5": ("Lidocaine 2% 2ml with methylprednisolone 40mg each side.",),
          "X32.3": ("Central line sited; albumin replacement.",),
          "A54.2": ("Intrathecal injection at L3/4 after removal of 5ml CSF.",),
          "A52.3": ("20ml autologous blood injected at L3/4 epidural space.",),
          "U33.1": ("Full PSG with video; MSLT x5 naps.",),
          "T81.1": ("LA to skin, Bergstrom needle via a small incision over the right vastus lateralis; cores to "
                    "histology and frozen section.",)}
