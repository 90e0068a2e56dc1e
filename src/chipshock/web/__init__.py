"""chipshock.web"""
