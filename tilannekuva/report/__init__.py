"""Area profiles as PDF and PPTX (pure: no Streamlit); see profile.py, pdf.py, slides.py, batch.py."""
