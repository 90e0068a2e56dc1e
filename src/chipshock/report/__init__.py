"""chipshock.report"""
