-- The caseload page reads each page client's next planned session (the lowest-numbered live session
-- still planned, ties by creation order): with this index that is the index's first matching entry,
-- not every session of the course sorted (docs/decisions/024, "Prepared statements and the next
-- session's index").
-- CreateIndex
CREATE INDEX "therapy_sessions_course_id_status_number_created_order_idx" ON "therapy_sessions"("course_id", "status", "number", "created_order");
